import { describe, expect, test } from 'vitest';
import { ApiError, ok, wholeNumber } from './api';

function answer(status: number, body: unknown) {
  const response = new Response(body === undefined ? null : JSON.stringify(body), { status });
  return status < 300 ? { data: body, response } : { error: body, response };
}

describe('ok', () => {
  test('gives the answer of a call that succeeded', async () => {
    await expect(ok(Promise.resolve(answer(200, { id: '7' })))).resolves.toEqual({ id: '7' });
  });

  test('turns an error answer into an ApiError with its code, field and the rest of its body', async () => {
    const body = { error: { code: 'conflict', message: 'the slot is taken', field: 'slot_id', next_free_slots: [] } };
    const error = await ok(Promise.resolve(answer(409, body))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 409, code: 'conflict', field: 'slot_id', raw: 'the slot is taken' });
    expect((error as ApiError).details.next_free_slots).toEqual([]);
  });

  test('says the server answered when an error has no JSON body', async () => {
    const error = await ok(Promise.resolve(answer(502, undefined))).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 502, code: 'http_502', message: 'The server answered 502.' });
  });

  test('says the server cannot be reached when the request fails', async () => {
    const error = await ok(Promise.reject(new TypeError('Failed to fetch'))).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 0, code: 'network' });
  });
});

describe('wholeNumber', () => {
  test('sends a whole number typed with spaces around it as a number', () => {
    expect(wholeNumber(' 45 ')).toBe(45);
  });

  test('sends other text as typed, so that the server names the field', () => {
    expect(wholeNumber('4.5')).toBe('4.5');
    expect(wholeNumber('')).toBe('');
  });
});
