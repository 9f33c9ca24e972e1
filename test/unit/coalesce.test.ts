/**
 * The coalescer sends the plan reads that wait for the database as one statement. What a user
 * would notice if it were wrong: a read answered with another plan, a read that waits for ever,
 * a quiet server that delays a read, or one bad request failing the others in its batch.
 */
import { describe, expect, it } from 'vitest';
import { Coalescer } from '../../src/store/coalesce.ts';

/** A batch runner whose batches end only when the test says so, recording what each carried. */
function controlledRunner(answer: (input: number) => string = (n) => `svar ${n}`) {
  const batches: number[][] = [];
  const pending: (() => void)[] = [];
  const run = (inputs: number[]) => {
    batches.push(inputs);
    return new Promise<string[]>((resolve, reject) => {
      pending.push(() => {
        try {
          resolve(inputs.map(answer));
        } catch (error) {
          reject(error);
        }
      });
    });
  };
  const finishNext = async () => {
    pending.shift()!();
    await new Promise((r) => setImmediate(r));
  };
  return { run, batches, pending, finishNext };
}

describe('Coalescer', () => {
  it('runs a request at once, alone, when a batch slot is free', async () => {
    const runner = controlledRunner();
    const coalescer = new Coalescer(runner.run, { inFlight: 2, maxBatch: 10 });
    const first = coalescer.submit(1);
    const second = coalescer.submit(2);
    expect(runner.batches).toEqual([[1], [2]]);
    await runner.finishNext();
    await runner.finishNext();
    expect(await first).toBe('svar 1');
    expect(await second).toBe('svar 2');
  });

  it('sends the requests that waited while the slots were busy as one batch, each answered with its own result', async () => {
    const runner = controlledRunner();
    const coalescer = new Coalescer(runner.run, { inFlight: 1, maxBatch: 10 });
    const answers = [1, 2, 3, 4, 5].map((n) => coalescer.submit(n));
    expect(runner.batches).toEqual([[1]]);
    await runner.finishNext();
    expect(runner.batches).toEqual([[1], [2, 3, 4, 5]]);
    await runner.finishNext();
    expect(await Promise.all(answers)).toEqual(['svar 1', 'svar 2', 'svar 3', 'svar 4', 'svar 5']);
    expect(coalescer.counts).toEqual({ batches: 2, requests: 5, retriedAlone: 0 });
  });

  it('never puts more than maxBatch requests in one batch, and leaves none waiting', async () => {
    const runner = controlledRunner();
    const coalescer = new Coalescer(runner.run, { inFlight: 1, maxBatch: 3 });
    const answers = Array.from({ length: 8 }, (_, n) => coalescer.submit(n));
    while (runner.pending.length) await runner.finishNext();
    expect(runner.batches).toEqual([[0], [1, 2, 3], [4, 5, 6], [7]]);
    expect(await Promise.all(answers)).toEqual(Array.from({ length: 8 }, (_, n) => `svar ${n}`));
  });

  it('runs a failed batch again request by request, so that only the bad request fails', async () => {
    const calls: number[][] = [];
    const coalescer = new Coalescer(async (inputs: number[]) => {
      calls.push(inputs);
      await new Promise((r) => setImmediate(r));
      if (inputs.includes(13)) throw new Error('ogiltig begäran 13');
      return inputs.map((n) => n * 2);
    }, { inFlight: 1, maxBatch: 10 });
    const results = await Promise.allSettled([1, 13, 2, 3].map((n) => coalescer.submit(n)));
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message)))
      .toEqual([2, 'ogiltig begäran 13', 4, 6]);
    expect(calls).toEqual([[1], [13, 2, 3], [13], [2], [3]]);
    expect(coalescer.counts.retriedAlone).toBe(3);
  });

  it('treats a batch answered with the wrong number of results as failed', async () => {
    let calls = 0;
    const coalescer = new Coalescer(async (inputs: number[]) => {
      calls++;
      await new Promise((r) => setImmediate(r));
      return inputs.length > 1 ? [0] : inputs;
    }, { inFlight: 1, maxBatch: 10 });
    expect(await Promise.all([7, 8, 9].map((n) => coalescer.submit(n)))).toEqual([7, 8, 9]);
    expect(calls).toBe(4); // [7], [8, 9], then [8] and [9] alone
  });

  it('fails a request run alone whose answer is missing, rather than answering it with nothing', async () => {
    const coalescer = new Coalescer(async (_inputs: number[]) => [] as number[], { inFlight: 1, maxBatch: 10 });
    const results = await Promise.allSettled([1, 2, 3].map((n) => coalescer.submit(n)));
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect((results[0] as PromiseRejectedResult).reason.message).toMatch(/0 answers for 1 requests/);
  });

  it('refuses settings that would never run a batch', () => {
    expect(() => new Coalescer(async (x: number[]) => x, { inFlight: 0, maxBatch: 5 })).toThrow(/inFlight/);
    expect(() => new Coalescer(async (x: number[]) => x, { inFlight: 1, maxBatch: Number.NaN })).toThrow(/maxBatch/);
  });
});
