// A spreadsheet's saved file as text, read the way the server reads one (common/file_text.hpp):
// UTF-8 as it is; UTF-16 with its byte-order mark (Excel's "Unicode text") converted; anything
// else that is not UTF-8 read as Windows-1252 (Excel's "CSV" on a Western European or American
// Windows). File.text() would turn every accented letter of such a file into U+FFFD before the
// server ever saw it.

export interface SpreadsheetText {
  text: string;
  encoding: 'UTF-8' | 'UTF-16LE' | 'UTF-16BE' | 'Windows-1252';
}

// When the bytes are a spreadsheet's own file rather than text (as the server's
// csv::not_text_problem finds them): what to tell the person, who would otherwise only read that
// every column is missing.
export function notTextProblem(bytes: Uint8Array): string | null {
  const starts = (...magic: number[]) => magic.every((b, i) => bytes[i] === b);
  const what = starts(0x50, 0x4b, 0x03, 0x04)
    ? 'a workbook (.xlsx or .ods)'
    : starts(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)
      ? 'an Excel 97-2003 workbook (.xls)'
      : starts(0x25, 0x50, 0x44, 0x46, 0x2d)
        ? 'a PDF document'
        : null;
  if (!what) return null;
  return `This file is ${what}, not CSV text. Open it in your spreadsheet, save it as CSV (in Excel: File › Save As › “CSV UTF-8 (Comma delimited)”) and choose that file.`;
}

// Windows-1252's 0x80..0x9F (the rest of its upper half is Latin-1, the code points themselves);
// the five codes it leaves unassigned stand for no character. Written out rather than asked of
// TextDecoder, which some runtimes treat as Latin-1 for this label.
const WINDOWS_1252_HIGH = [
  0x20ac, 0xfffd, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0xfffd,
  0x017d, 0xfffd, 0xfffd, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a,
  0x0153, 0xfffd, 0x017e, 0x0178,
];

function fromWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += String.fromCharCode(b >= 0x80 && b < 0xa0 ? WINDOWS_1252_HIGH[b - 0x80] : b);
  return out;
}

export function decodeSpreadsheetBytes(bytes: Uint8Array): SpreadsheetText {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'UTF-16LE' };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'UTF-16BE' };
  try {
    // ignoreBOM keeps a UTF-8 byte-order mark in the text, as the server takes it (its CSV reader skips it).
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), encoding: 'UTF-8' };
  } catch {
    return { text: fromWindows1252(bytes), encoding: 'Windows-1252' };
  }
}

// The file as text, or what is wrong with it when it is a workbook or a PDF.
export async function readSpreadsheetFile(file: File): Promise<SpreadsheetText | { problem: string }> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const problem = notTextProblem(bytes);
  return problem ? { problem } : decodeSpreadsheetBytes(bytes);
}
