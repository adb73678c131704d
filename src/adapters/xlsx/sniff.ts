/**
 * What a file is, told from its first bytes, before any zip library sees it: a clear Chinese message for a
 * .xls, an encrypted workbook, a PDF, a .docx or a download cut short, instead of a library's stack trace.
 */
import { WorkbookReadError } from './errors';

const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export function shown(name?: string): string {
  return name ? `文件“${name}”` : '文件';
}

function startsWith(bytes: Uint8Array, sig: number[]): boolean {
  if (bytes.length < sig.length) return false;
  return sig.every((b, i) => bytes[i] === b);
}

/** Byte search; `needle` ASCII, or UTF-16LE when `wide`. Scans at most the first `within` bytes. */
function contains(bytes: Uint8Array, needle: string, wide = false, within = bytes.length): boolean {
  const pat: number[] = [];
  for (const ch of needle) {
    pat.push(ch.charCodeAt(0));
    if (wide) pat.push(0);
  }
  const end = Math.min(bytes.length, within) - pat.length;
  outer: for (let i = 0; i <= end; i++) {
    for (let j = 0; j < pat.length; j++) if (bytes[i + j] !== pat[j]) continue outer;
    return true;
  }
  return false;
}

export function sniff(bytes: Uint8Array, name?: string): void {
  const who = shown(name);
  if (bytes.length === 0) throw new WorkbookReadError('empty', `${who}是空文件（0 字节），不是 Excel 工作簿。`, name);
  if (startsWith(bytes, OLE)) {
    // An encrypted .xlsx is an OLE compound file holding the streams EncryptionInfo and EncryptedPackage.
    if (contains(bytes, 'EncryptedPackage', true) || contains(bytes, 'EncryptionInfo', true)) {
      throw new WorkbookReadError(
        'encrypted',
        `${who}设置了打开密码（已加密），无法读取。请在 Excel 中打开，于“文件 → 信息 → 保护工作簿 → 用密码进行加密”中删除密码并保存后再试。`,
        name,
      );
    }
    throw new WorkbookReadError(
      'legacy',
      `${who}是旧版 Excel 97-2003 格式（.xls）或其他旧版 Office 文件，无法直接读取。请在 Excel 或 WPS 中“另存为” Excel 工作簿（.xlsx）后再试。`,
      name,
    );
  }
  const isZip = bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5 || bytes[2] === 7);
  if (!isZip) {
    let what = '';
    if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) what = '（这是 PDF 文件）';
    else if (startsWith(bytes, [0x7b, 0x5c, 0x72, 0x74, 0x66])) what = '（这是 RTF 文档）';
    else if (looksLikeText(bytes)) {
      const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 512)).toLowerCase();
      if (/<html|<!doctype html|<table/.test(head)) what = '（这是网页 / HTML 文件，可能是另存为“网页”的表格）';
      else if (/^<\?xml/.test(head.trimStart())) what = '（这是 XML 文件，可能是“XML 电子表格 2003”格式）';
      else what = '（这是文本或 CSV 文件）';
    }
    throw new WorkbookReadError(
      'not-xlsx',
      `${who}不是 Excel 工作簿（.xlsx）${what}。请在 Excel 或 WPS 中“另存为” Excel 工作簿（.xlsx）后再试。`,
      name,
    );
  }
  // A zip ends with its central directory; a file cut short (an interrupted download or copy) has none.
  if (!hasEndOfCentralDirectory(bytes)) {
    throw new WorkbookReadError(
      'corrupt',
      `${who}已损坏或不完整，无法读取（压缩包缺少结尾目录，可能没有下载或复制完整）。请在 Excel 中打开并重新保存后再试。`,
      name,
    );
  }
}

/**
 * A zip that holds no workbook part: which package is it? (`names`: the archive's entry names.)
 * Throws the matching Chinese message; returns nothing, since it is only called when the workbook is missing.
 */
export function explainPackage(names: readonly string[], name?: string): never {
  const who = shown(name);
  const has = (n: string) => names.some((x) => x.toLowerCase() === n);
  if (has('xl/workbook.bin')) {
    throw new WorkbookReadError('not-xlsx', `${who}是 Excel 二进制工作簿（.xlsb），无法读取。请另存为 Excel 工作簿（.xlsx）后再试。`, name);
  }
  if (has('word/document.xml')) throw new WorkbookReadError('not-xlsx', `${who}是 Word 文档（.docx），不是 Excel 工作簿（.xlsx）。`, name);
  if (has('ppt/presentation.xml')) {
    throw new WorkbookReadError('not-xlsx', `${who}是 PowerPoint 演示文稿（.pptx），不是 Excel 工作簿（.xlsx）。`, name);
  }
  if (has('mimetype') && has('content.xml')) {
    throw new WorkbookReadError('not-xlsx', `${who}是 OpenDocument 表格（.ods），无法读取。请另存为 Excel 工作簿（.xlsx）后再试。`, name);
  }
  if (has('[content_types].xml')) {
    throw new WorkbookReadError(
      'corrupt',
      `${who}是压缩包，但其中没有 Excel 工作簿内容，可能已损坏。请在 Excel 中打开并重新保存后再试。`,
      name,
    );
  }
  throw new WorkbookReadError('not-xlsx', `${who}是普通压缩包（.zip），不是 Excel 工作簿（.xlsx）。`, name);
}

/** The end-of-central-directory record sits in the last 22 + 65,535 bytes. */
function hasEndOfCentralDirectory(bytes: Uint8Array): boolean {
  const stop = Math.max(0, bytes.length - 22 - 65535);
  for (let i = bytes.length - 22; i >= stop; i--) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 5 && bytes[i + 3] === 6) return true;
  }
  return false;
}

function looksLikeText(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 1024);
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return false;
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) return false;
  }
  return true;
}
