import { describe, expect, it } from 'vitest';
import { decodeSpreadsheetBytes } from './spreadsheetFile';

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
