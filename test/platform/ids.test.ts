import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src/platform/ids.js';

describe('uuidv7', () => {
  it('is a version 7, RFC 9562 variant UUID that sorts by its time', () => {
    const a = uuidv7(new Date('2026-12-02T10:00:00.000Z'));
    const b = uuidv7(new Date('2026-12-02T10:00:00.001Z'));
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a < b).toBe(true);
    expect(Number.parseInt(a.replace(/-/g, '').slice(0, 12), 16)).toBe(Date.parse('2026-12-02T10:00:00.000Z'));
    expect(new Set(Array.from({ length: 1000 }, () => uuidv7(new Date(0)))).size).toBe(1000);
  });
});
