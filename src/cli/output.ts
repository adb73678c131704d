/** Where output goes (stdout or `-o FILE`) and the progress bar (stderr, only on a terminal). */
import * as fs from 'fs';

export interface Sink {
  write(text: string): void;
  close(): void;
}

export function stdoutSink(progress: Progress): Sink {
  return {
    write(text) {
      progress.clear();
      process.stdout.write(text);
    },
    close() {},
  };
}

/** Opens (truncates) the file at once, so a bad path is reported before any work. Throws fs errors. */
export function fileSink(path: string): Sink {
  const fd = fs.openSync(path, 'w');
  return {
    write(text) {
      fs.writeSync(fd, text);
    },
    close() {
      fs.closeSync(fd);
    },
  };
}

export class Progress {
  private shown = false;
  private readonly width = 24;

  constructor(
    private readonly stream: NodeJS.WriteStream & { isTTY?: boolean },
    private readonly total: number,
  ) {}

  get enabled(): boolean {
    return this.stream.isTTY === true && this.total > 0;
  }

  update(done: number, file: string): void {
    if (!this.enabled) return;
    const filled = Math.round((done / this.total) * this.width);
    const cols = typeof this.stream.columns === 'number' ? this.stream.columns : 80;
    const head = `[${'█'.repeat(filled)}${'░'.repeat(this.width - filled)}] ${done}/${this.total} `;
    // Keep to one terminal line (CJK characters take two columns; cut generously).
    const room = Math.max(0, Math.floor((cols - head.length - 10) / 2));
    const name = file.length > room ? '…' + file.slice(file.length - room + 1) : file;
    this.stream.write(`\r\x1b[K${head}${name}`);
    this.shown = true;
  }

  clear(): void {
    if (!this.shown) return;
    this.stream.write('\r\x1b[K');
    this.shown = false;
  }
}
