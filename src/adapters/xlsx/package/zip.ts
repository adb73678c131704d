/**
 * The zip container of an OOXML package, through fflate. Parts are inflated only when asked for, so reading a
 * workbook never touches its charts, images or VBA; writing keeps every entry the caller did not replace
 * byte for byte (same uncompressed bytes, same order), adds new ones at the end and drops deleted ones.
 */
import { unzipSync, zipSync, type Zippable } from 'fflate';

/** Entries already compressed by their own format gain nothing from deflate. */
const STORED = /\.(png|jpe?g|gif|emf|wmf|tiff?|bmp|bin|zip|mp4|wdp)$/i;

/**
 * Deflate level by size: 6 as usual; 1 for parts of several megabytes (a conversion's record sheet of tens of
 * thousands of cells), which deflates several times faster for a few percent more bytes.
 */
const levelFor = (size: number): 1 | 6 => (size > 4_000_000 ? 1 : 6);

/** Zip entries carry a local time; a fixed one keeps written packages identical from run to run. */
const ENTRY_TIME = new Date(1980, 0, 1, 0, 0, 0);

/**
 * Inflates an entry's raw deflate data to its `size` bytes. A host with a native inflater passes one to `open`
 * (Node's zlib, several times faster than fflate's JavaScript); the bytes are the same, deflate being exact.
 */
export type RawInflate = (data: Uint8Array, size: number) => Uint8Array;

/** Where an entry's data lies in the archive, from the central directory: method, data offset and sizes. */
interface EntryPlace {
  method: number;
  start: number;
  size: number;
  originalSize: number;
}

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

  /** Entries' places by stored name, when a native inflater was given and the directory is a plain one. */
  private readonly places: Map<string, EntryPlace> | null;

  private constructor(
    private readonly source: Uint8Array | null,
    names: string[],
    private readonly inflateRaw: RawInflate | null = null,
  ) {
    this.order = [...names];
    for (const n of names) this.folded.set(n.toLowerCase(), n);
    const places = source !== null && inflateRaw !== null ? entryPlaces(source) : null;
    // The directory read here and fflate's listing must agree entry for entry; else fflate inflates everything.
    this.places = places !== null && places.length === names.length ? new Map(names.map((n, i) => [n, places[i]])) : null;
  }

  /**
   * Opens a zip; throws fflate's error on a damaged archive (the caller words it for the user). With
   * `inflateRaw`, the entries read are inflated by it instead of by fflate (fflate still when in doubt).
   */
  static open(bytes: Uint8Array, inflateRaw?: RawInflate): ZipPackage {
    const names: string[] = [];
    // A filter that keeps nothing lists the central directory without inflating a single entry.
    unzipSync(bytes, {
      filter: (f) => {
        names.push(f.name);
        return false;
      },
    });
    return new ZipPackage(bytes, names, inflateRaw ?? null);
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
    if (this.places !== null) for (const name of want) if (this.inflateNatively(name)) want.delete(name);
    if (want.size === 0) return;
    const out = unzipSync(this.source, { filter: (f) => want.has(f.name) });
    for (const [name, bytes] of Object.entries(out)) this.data.set(name, bytes);
  }

  /** An entry through the native inflater; false (nothing kept) when anything is unusual: fflate then reads it. */
  private inflateNatively(name: string): boolean {
    const place = this.places!.get(name);
    if (place === undefined || this.source === null) return false;
    const data = this.source.subarray(place.start, place.start + place.size);
    let out: Uint8Array;
    if (place.method === 0) out = data.slice();
    else {
      try {
        out = this.inflateRaw!(data, place.originalSize);
      } catch {
        return false; // damaged: fflate's own error tells the user
      }
    }
    if (out.length !== place.originalSize) return false;
    this.data.set(name, out);
    return true;
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
      files[n] = [bytes, { level: STORED.test(n) || n.endsWith('/') ? 0 : levelFor(bytes.length), mtime: ENTRY_TIME }];
    }
    return zipSync(files);
  }
}

const u16 = (b: Uint8Array, i: number): number => b[i] | (b[i + 1] << 8);
const u32 = (b: Uint8Array, i: number): number => (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0;

/**
 * The places of the entries, in central-directory order (the order fflate lists them), or null for anything
 * but a plain archive: no end record, Zip64 sizes, encrypted entries, methods other than stored and deflate,
 * a local header that is not where the directory says. The data itself is left to the inflater.
 */
function entryPlaces(b: Uint8Array): EntryPlace[] | null {
  let end = -1;
  for (let i = b.length - 22; i >= 0 && i >= b.length - 22 - 65535; i--) {
    if (u32(b, i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const count = u16(b, end + 10);
  let p = u32(b, end + 16);
  if (count === 0xffff || p === 0xffffffff) return null;
  const places: EntryPlace[] = [];
  for (let k = 0; k < count; k++) {
    if (p + 46 > b.length || u32(b, p) !== 0x02014b50) return null;
    const flags = u16(b, p + 8);
    const method = u16(b, p + 10);
    const size = u32(b, p + 20);
    const originalSize = u32(b, p + 24);
    const local = u32(b, p + 42);
    if (flags & 1 || (method !== 0 && method !== 8) || size === 0xffffffff || originalSize === 0xffffffff || local === 0xffffffff)
      return null;
    if (local + 30 > b.length || u32(b, local) !== 0x04034b50) return null;
    const start = local + 30 + u16(b, local + 26) + u16(b, local + 28);
    if (start + size > b.length) return null;
    places.push({ method, start, size, originalSize });
    p += 46 + u16(b, p + 28) + u16(b, p + 30) + u16(b, p + 32);
  }
  return places;
}
