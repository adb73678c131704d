/**
 * The one error the xlsx adapter throws for input it cannot read. The message is Chinese and meant for
 * the person who picked the file; `reason` lets callers (CLI exit codes, tests) tell the cases apart.
 */
export type WorkbookReadErrorReason =
  | 'not-found' //  no such file
  | 'empty' //      zero bytes
  | 'legacy' //     OLE container without encryption: .xls / .doc / .et of Office 97–2003
  | 'encrypted' //  OLE container holding an encrypted OOXML package (password to open)
  | 'not-xlsx' //   some other format: text, CSV, PDF, .docx, .pptx, .ods, .xlsb …
  | 'corrupt'; //   looks like an xlsx but the package cannot be read

export class WorkbookReadError extends Error {
  readonly reason: WorkbookReadErrorReason;
  /** File name, when known. */
  readonly fileName?: string;

  constructor(reason: WorkbookReadErrorReason, message: string, fileName?: string) {
    super(message);
    this.name = 'WorkbookReadError';
    this.reason = reason;
    this.fileName = fileName;
  }
}
