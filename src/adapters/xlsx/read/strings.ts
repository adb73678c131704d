/** The shared-string table: each `<si>` as plain text, rich-text runs joined, phonetic guides (`<rPh>`) left out. */
import { scanXml, unescapeOoxml } from '../package/xml';

export function readSharedStrings(xml: string | undefined): string[] {
  if (xml === undefined) return [];
  const out: string[] = [];
  let current = '';
  let inSi = false;
  let phonetic = 0;
  const events = {
    wantText: false,
    open(name: string) {
      if (name === 'si') {
        inSi = true;
        current = '';
      } else if (name === 'rPh') phonetic++;
      else if (name === 't' && inSi && phonetic === 0) events.wantText = true;
    },
    close(name: string) {
      if (name === 't') events.wantText = false;
      else if (name === 'rPh') phonetic--;
      else if (name === 'si') {
        out.push(unescapeOoxml(current));
        inSi = false;
      }
    },
    text(t: string) {
      current += t;
    },
  };
  scanXml(xml, events);
  return out;
}
