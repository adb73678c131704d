/**
 * `../shared` beside the repository: the published seed texts (`seeds/`) and the Office manifest XSDs
 * (`office-schemas/`). CI has it; a fresh clone has nothing beside it, and `npm test` must pass there too.
 *
 * A suite asks for one part of it; the checks that need that part run when it is there and are reported as
 * skipped, with the reason printed once, when it is not:
 *
 *   const seeds = sharedPart('seeds', 'the transcription-vs-published-text checks');
 *   seeds.note();                       // one test: prints "skipped: ../shared/seeds not found …" when absent
 *   seeds.test('numbers as printed', () => { … read seeds.file('000_….txt') … });
 *
 * Everything that needs only the repository itself runs always. `JUESUAN_REQUIRE_SHARED=1` turns an absent
 * part into a failure (for a CI that must not skip silently).
 */
import { existsSync, statSync } from 'fs';
import * as path from 'path';

export const SHARED_ROOT = path.resolve(__dirname, '../../shared');

export interface SharedPart {
  /** Absolute path of the part (`…/shared/seeds`). */
  readonly dir: string;
  /** Whether the part is there (a directory). */
  readonly present: boolean;
  /** The line printed when the part is absent. */
  readonly reason: string;
  /** `test` when present, `test.skip` otherwise. */
  readonly test: jest.It;
  /** `describe` when present, `describe.skip` otherwise. */
  readonly describe: jest.Describe;
  /** One test saying what ran against the part, or printing why it was skipped. */
  note(): void;
  /** Absolute path of a file inside the part. */
  file(name: string): string;
}

export function sharedPart(sub: string, what: string): SharedPart {
  const dir = path.join(SHARED_ROOT, sub);
  const present = existsSync(dir) && statSync(dir).isDirectory();
  const shown = `../shared/${sub}`;
  const reason = `skipped: ${shown} not found beside the repository — ${what} run in CI (where ../shared is present)`;
  return {
    dir,
    present,
    reason,
    test: present ? test : test.skip,
    describe: present ? describe : describe.skip,
    note() {
      test(present ? `${shown} found: ${what} run` : `${shown} absent: ${what} skipped`, () => {
        if (present) return;
        if (process.env.JUESUAN_REQUIRE_SHARED === '1') throw new Error(`${reason}; JUESUAN_REQUIRE_SHARED=1 requires it`);
        console.log(reason);
      });
    },
    file: (name) => path.join(dir, name),
  };
}
