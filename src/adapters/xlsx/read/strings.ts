/** The shared-string table: each `<si>` as plain text, rich-text runs joined, phonetic guides (`<rPh>`) left out. */
import { unescapeOoxml } from '../package/xml';
import { El, SheetScanner, type SheetScanEvents } from './scan';

class StringsReader implements SheetScanEvents {
  readonly out: string[] = [];
  private readonly scanner: SheetScanner;
  private inSi = false;
  private phonetic = 0;

  constructor(xml: string) {
    this.scanner = new SheetScanner(xml, this);
  }

  run(): string[] {
    this.scanner.run();
    return this.out;
  }

  open(): void {}
  attr(): void {}

  openEnd(el: El): void {
    if (el === El.Si) {
      this.inSi = true;
      this.scanner.text.reset();
    } else if (el === El.RPh) this.phonetic++;
    else if (el === El.T && this.inSi && this.phonetic === 0) this.scanner.wantText = true;
  }

  close(el: El): void {
    if (el === El.T) this.scanner.wantText = false;
    else if (el === El.RPh) this.phonetic--;
    else if (el === El.Si) {
      this.out.push(unescapeOoxml(this.scanner.text.value()));
      this.inSi = false;
    }
  }
}

export function readSharedStrings(xml: string | undefined): string[] {
  return xml === undefined ? [] : new StringsReader(xml).run();
}
