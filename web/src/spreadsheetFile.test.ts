import { describe, expect, it } from 'vitest';
import { decodeSpreadsheetBytes, notTextProblem } from './spreadsheetFile';

const bytes = (...b: number[]) => new Uint8Array(b);
const ascii = (s: string) => Array.from(s, (c) => c.charCodeAt(0));

describe('decodeSpreadsheetBytes', () => {
  it('takes UTF-8 as it is', () => {
    const r = decodeSpreadsheetBytes(new TextEncoder().encode('Name\nInês\n'));
    expect(r).toEqual({ text: 'Name\nInês\n', encoding: 'UTF-8' });
  });

  it('reads bytes that are not UTF-8 as Windows-1252, as Excel saves CSV', () => {
    // "José;€ “ok”"
    const r = decodeSpreadsheetBytes(bytes(...ascii('Jos'), 0xe9, 0x3b, 0x80, 0x20, 0x93, ...ascii('ok'), 0x94));
    expect(r).toEqual({ text: 'José;€ “ok”', encoding: 'Windows-1252' });
  });

  it('converts UTF-16 after its byte-order mark, either way round', () => {
    const le = decodeSpreadsheetBytes(bytes(0xff, 0xfe, 0x41, 0, 0xe9, 0, 0x09, 0, 0x0a, 0));
    expect(le).toEqual({ text: 'Aé\t\n', encoding: 'UTF-16LE' });
    const be = decodeSpreadsheetBytes(bytes(0xfe, 0xff, 0, 0x41, 0, 0xe9, 0, 0x09, 0, 0x0a));
    expect(be).toEqual({ text: 'Aé\t\n', encoding: 'UTF-16BE' });
  });
});

describe('notTextProblem', () => {
  it('names a workbook or a PDF and says how to save CSV', () => {
    expect(notTextProblem(bytes(0x50, 0x4b, 0x03, 0x04, 0x14, 0))).toMatch(/^This file is a workbook \(\.xlsx or \.ods\).*CSV UTF-8/);
    expect(notTextProblem(bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0))).toMatch(/Excel 97-2003 workbook \(\.xls\)/);
    expect(notTextProblem(bytes(...ascii('%PDF-1.7')))).toMatch(/a PDF document/);
  });

  it('leaves text alone, a column named PK included', () => {
    expect(notTextProblem(bytes(...ascii('PK,name\n')))).toBeNull();
    expect(notTextProblem(new TextEncoder().encode('employee_id,name,email\n'))).toBeNull();
    expect(notTextProblem(bytes())).toBeNull();
  });
});
