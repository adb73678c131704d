/** What each template look is: font, alignment, border, number format. Amounts `#,##0.00`, counts integers. */
import type { CellLook, LookName } from './types';

const boxed = { border: true } as const;

export const TEMPLATE_LOOKS: Record<LookName, CellLook> = {
  title: { bold: true, size: 16, horizontal: 'center' },
  label: { horizontal: 'right' },
  metaLeft: { horizontal: 'left' },
  metaCenter: { horizontal: 'center' },
  metaRight: { horizontal: 'right' },
  header: { ...boxed, bold: true, horizontal: 'center', wrap: true },
  text: { ...boxed, horizontal: 'left', wrap: true },
  textBold: { ...boxed, bold: true, horizontal: 'center' },
  code: { ...boxed, horizontal: 'left', numFmt: '@' },
  seq: { ...boxed, horizontal: 'center' },
  amount: { ...boxed, horizontal: 'right', numFmt: '#,##0.00' },
  amountTotal: { ...boxed, bold: true, horizontal: 'right', numFmt: '#,##0.00' },
  count: { ...boxed, horizontal: 'right', numFmt: '#,##0' },
  score: { ...boxed, horizontal: 'right', numFmt: '0.00' },
  percent: { ...boxed, horizontal: 'right', numFmt: '0.00%' },
  grade: { ...boxed, horizontal: 'center' },
  note: { horizontal: 'left' },
};
