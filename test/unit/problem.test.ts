import { describe, expect, it } from 'vitest';
import { problemFromError } from '../../src/http/problem.ts';
import { invalid } from '../../src/services/errors.ts';

const request = { log: { error: () => undefined } } as never;

describe('errors become problem documents', () => {
  it('an unexpected error is a plain 500 that leaks neither message nor stack', () => {
    const p = problemFromError(new Error('SELECT identity_number FROM persons WHERE x = 191212121212'), request);
    expect(p.status).toBe(500);
    expect(p.code).toBe('internal');
    expect(JSON.stringify(p)).not.toMatch(/SELECT|identity_number|191212121212|Error/);
  });

  it('a service error keeps its status, code and named fields', () => {
    const p = problemFromError(invalid([{ field: '/reason', code: 'required', message: 'Saknas.' }]), request);
    expect(p).toMatchObject({ status: 400, code: 'invalid', problems: [{ field: '/reason', code: 'required' }] });
  });

  it('a database constraint answers 4xx naming the column, not 500', () => {
    const fk = Object.assign(new Error('insert or update on table "goals" violates foreign key constraint'), {
      code: '23503', severity: 'ERROR', detail: 'Key (county, need_id)=(12, 0190…) is not present in table "needs".',
    });
    expect(problemFromError(fk, request)).toMatchObject({ status: 400, code: 'unknown_reference', problems: [{ field: '/needId' }] });
    const range = Object.assign(new Error('date/time field value out of range'), { code: '22008', severity: 'ERROR' });
    expect(problemFromError(range, request)).toMatchObject({ status: 400, code: 'invalid_value' });
    expect(JSON.stringify(problemFromError(fk, request))).not.toContain('violates');
  });
});
