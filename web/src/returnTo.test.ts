import { describe, expect, test } from 'vitest';
import { isAppPage, returnPathFor, safeReturnPath, signInPurpose, withReturnTo } from './returnTo';

describe('safeReturnPath', () => {
  test('keeps a path on this server with its query', () => {
    expect(safeReturnPath('/relationships/12')).toBe('/relationships/12');
    expect(safeReturnPath('/api/v1/relationships/3/meetings/9/video')).toBe('/api/v1/relationships/3/meetings/9/video');
    expect(safeReturnPath('/people?q=ana')).toBe('/people?q=ana');
  });

  test('refuses another site, a scheme, control characters and very long addresses', () => {
    for (const bad of ['//evil.example/x', '/\\evil.example', 'https://evil.example/', 'javascript:alert(1)',
      'relationships/1', '/a\nb', '/a\u0000', '/' + 'a'.repeat(600), '', null, undefined]) {
      expect(safeReturnPath(bad)).toBe('/');
    }
  });
});

describe('returnPathFor', () => {
  test('the sign-in page shown at a deep link returns to it', () => {
    expect(returnPathFor('/circles/4', new URLSearchParams(''))).toBe('/circles/4');
    expect(returnPathFor('/people', new URLSearchParams('q=ana&skill=SQL'))).toBe('/people?q=ana&skill=SQL');
  });

  test('at /sign-in it returns to the checked return_to', () => {
    expect(returnPathFor('/sign-in', new URLSearchParams('return_to=%2Fapi%2Fv1%2Fflash%2Fbookings%2F3%2Fvideo')))
      .toBe('/api/v1/flash/bookings/3/video');
    expect(returnPathFor('/sign-in', new URLSearchParams('return_to=%2F%2Fevil.example'))).toBe('/');
    expect(returnPathFor('/sign-in', new URLSearchParams(''))).toBe('/');
  });
});

describe('isAppPage and withReturnTo', () => {
  test('the API and the calendar feed are the server’s addresses', () => {
    expect(isAppPage('/relationships/1')).toBe(true);
    expect(isAppPage('/api/v1/relationships/1/meetings/2/video')).toBe(false);
    expect(isAppPage('/calendar/abc.ics')).toBe(false);
  });

  test('single sign-on carries where to return, except home', () => {
    expect(withReturnTo('/api/v1/auth/sso/start', '/')).toBe('/api/v1/auth/sso/start');
    expect(withReturnTo('/api/v1/auth/sso/start', '/circles/4?tab=sessions'))
      .toBe('/api/v1/auth/sso/start?return_to=%2Fcircles%2F4%3Ftab%3Dsessions');
  });
});

describe('signInPurpose', () => {
  test('says why when the server sent the browser from one of its links', () => {
    expect(signInPurpose('/sign-in', '/api/v1/circles/2/sessions/5/video')).toBe('Sign in to join the video call.');
    expect(signInPurpose('/sign-in', '/api/v1/relationships/2/meetings/5/calendar.ics')).toBe('Sign in to download the calendar entry.');
    expect(signInPurpose('/sign-in', '/api/v1/people')).toBe('Sign in to continue.');
  });

  test('says nothing on a plain sign-in or a page of the app', () => {
    expect(signInPurpose('/sign-in', '/')).toBeUndefined();
    expect(signInPurpose('/relationships/3', '/relationships/3')).toBeUndefined();
  });
});
