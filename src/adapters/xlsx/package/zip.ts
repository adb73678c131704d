/**
 * The zip container of an OOXML package, through fflate. Parts are inflated only when asked for, so reading a
 * workbook never touches its charts, images or VBA; writing keeps every entry the caller did not replace
 * byte for byte (same uncompressed bytes, same order), adds new ones at the end and drops deleted ones.
 */
import { unzipSync, zipSync, type Zippable } from 'fflate';

/** Entries already compressed by their own format gain nothing from deflate. */
const STORED = /\.(png|jpe?g|gif|emf|wmf|tiff?|bmp|bin|zip|mp4|wdp)$/i;

/** Zip entries carry a local time; a fixed one keeps written packages identical from run to run. */
const ENTRY_TIME = new Date(1980, 0, 1, 0, 0, 0);

const utf8 = new TextDecoder('utf-8');
const encoder = new TextEncoder();

export class ZipPackage {
  /** Entry names in the order of the archive, then new entries in the order they were added. */
  private readonly order: string[];
  /** Lower-cased name → name as stored: part names are case-insensitive (OPC), zip names are not. */
  private readonly folded = new Map<string, string>();
  /** Inflated entries; the rest are inflated from `source` on first use. */
  private readonly data = new Map<string, Uint8Array>();
  private readonly removed = new Set<string>();
  private readonly changed = new Set<string>();

  private constructor(
    private readonly source: Uint8Array | null,
    names: string[],
  ) {
    this.order = [...names];
    for (const n of names) this.folded.set(n.toLowerCase(), n);
  }

  /** Opens a zip; throws fflate's error on a damaged archive (the caller words it for the user). */
  static open(bytes: Uint8Array): ZipPackage {
    const names: string[] = [];
    // A filter that keeps nothing lists the central directory without inflating a single entry.
    unzipSync(bytes, {
      filter: (f) => {
        names.push(f.name);
        return false;
      },
    });
    return new ZipPackage(bytes, names);
  }

  static empty(): ZipPackage {
    return new ZipPackage(null, []);
  }

  /** Entry names as stored, in archive order (deleted ones left out). */
  names(): string[] {
    return this.order.filter((n) => !this.removed.has(n));
  }

  /** The stored name of a part, matched without regard to case; undefined when absent. */
  resolve(name: string): string | undefined {
    const n = this.folded.get(name.toLowerCase());
    return n !== undefined && !this.removed.has(n) ? n : undefined;
  }

  has(name: string): boolean {
    return this.resolve(name) !== undefined;
  }

  /** Inflates the named parts in one pass over the archive (names that are absent are ignored). */
  load(names: readonly string[]): void {
    const want = new Set<string>();
    for (const n of names) {
      const stored = this.resolve(n);
      if (stored !== undefined && !this.data.has(stored)) want.add(stored);
    }
    if (want.size === 0 || this.source === null) return;
    const out = unzipSync(this.source, { filter: (f) => want.has(f.name) });
    for (const [name, bytes] of Object.entries(out)) this.data.set(name, bytes);
  }

  bytes(name: string): Uint8Array | undefined {
    const stored = this.resolve(name);
    if (stored === undefined) return undefined;
    if (!this.data.has(stored)) this.load([stored]);
    return this.data.get(stored);
  }

  /** A part as text (UTF-8, a leading byte-order mark dropped); undefined when absent. */
  text(name: string): string | undefined {
    const b = this.bytes(name);
    if (b === undefined) return undefined;
    const s = utf8.decode(b);
    return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
  }

  /** Replaces or adds a part. Text is written as UTF-8. */
  set(name: string, content: string | Uint8Array): void {
    const bytes = typeof content === 'string' ? encoder.encode(content) : content;
    let stored = this.resolve(name);
    if (stored === undefined) {
      stored = name;
      const old = this.folded.get(name.toLowerCase());
      if (old !== undefined) {
        // Deleted earlier in this session and now written again: it keeps its place in the archive.
        this.removed.delete(old);
        stored = old;
      } else {
        this.order.push(name);
        this.folded.set(name.toLowerCase(), name);
      }
    }
    this.data.set(stored, bytes);
    this.changed.add(stored);
  }

  delete(name: string): void {
    const stored = this.resolve(name);
    if (stored === undefined) return;
    this.removed.add(stored);
    this.changed.add(stored);
    this.data.delete(stored);
  }

  /** Parts written or deleted since the package was opened. */
  changedParts(): string[] {
    return [...this.changed];
  }

  /** The archive: every entry in order, untouched ones with exactly the bytes they had. */
  toBytes(): Uint8Array {
    const names = this.names();
    this.load(names);
    const files: Zippable = {};
    for (const n of names) {
      const bytes = this.data.get(n) ?? new Uint8Array(0);
      files[n] = [bytes, { level: STORED.test(n) || n.endsWith('/') ? 0 : 6, mtime: ENTRY_TIME }];
    }
    return zipSync(files);
  }
}
