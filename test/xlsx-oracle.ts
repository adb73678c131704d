/**
 * exceljs as an independent reader of what the package writer produced: a written workbook must open in
 * another implementation and show the fills, notes and sheets it should.
 */
import ExcelJS from 'exceljs';

export async function excelOf(bytes: ArrayBuffer | Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)) as unknown as ArrayBuffer);
  return wb;
}

export async function bytesOf(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
