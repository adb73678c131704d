/** Workbook-level notices of recognition (protected or empty sheets, …). */
import { useStyles } from './styles';

export function Notices({ notices }: { notices: string[] }) {
  const s = useStyles();
  if (notices.length === 0) return null;
  return (
    <section aria-labelledby="juesuan-rec-notices">
      <h2 className={s.h2} id="juesuan-rec-notices">
        提示
      </h2>
      <ul className={s.list}>
        {notices.map((n) => (
          <li key={n} className={s.empty}>
            {n}
          </li>
        ))}
      </ul>
    </section>
  );
}
