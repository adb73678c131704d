/** Node-only entry: read an .xlsx from disk. The browser uses `readWorkbookBuffer` directly. */
import { readFileSync } from 'fs';
import * as path from 'path';
import { inflateRawSync } from 'zlib';
import type { WorkbookSnapshot } from '../../core/snapshot';
import { WorkbookReadError } from './errors';
import type { RawInflate } from './package/zip';
import { readWorkbookBuffer, type ReadOptions } from './read';

/** Node's zlib as the zip's inflater: native, several times faster than fflate's JavaScript, the same bytes. */
export const nodeInflateRaw: RawInflate = (data, size) => {
  // A big part in one output chunk of its known size (no pieces to join); a plain Uint8Array view, as fflate gives.
  const out = size > 16384 ? inflateRawSync(data, { chunkSize: size }) : inflateRawSync(data);
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
};

export async function readWorkbookFile(filePath: string, options?: ReadOptions): Promise<WorkbookSnapshot> {
  let data: Buffer;
  try {
    // Synchronous: the reading that follows is CPU-bound, and an asynchronous read only waits four times for
    // libuv's thread pool (open, stat, read, close).
    data = readFileSync(filePath);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new WorkbookReadError('not-found', `找不到文件：${filePath}`, filePath);
    if (code === 'EISDIR') throw new WorkbookReadError('not-xlsx', `这是一个文件夹，不是 Excel 工作簿：${filePath}`, filePath);
    if (code === 'EACCES' || code === 'EPERM') throw new WorkbookReadError('not-found', `没有权限读取文件：${filePath}`, filePath);
    throw new WorkbookReadError('not-found', `无法读取文件：${filePath}（${(e as Error).message}）`, filePath);
  }
  return readWorkbookBuffer(data, path.basename(filePath), { inflateRaw: nodeInflateRaw, ...options });
}
