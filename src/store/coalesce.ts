/**
 * Coalescing: requests that arrive while the database is busy with earlier ones are sent together,
 * as one statement, when it is free again (docs/decisions/0012-coalesced-plan-reads.md).
 *
 * At most `inFlight` batches run at once. A request that finds a free slot runs at once, alone, so
 * a quiet server answers as fast as without coalescing; under load the requests that queue up
 * behind the running batches go as the next batch (at most `maxBatch` of them), so the
 * per-statement cost (locks, executor start, commit, WAL flush) is paid once for many.
 *
 * A failed batch is not the fault of every request in it: each of its requests then runs again
 * alone, and only a request that fails alone gets the error.
 */
export interface CoalesceOptions {
  /** Batches running at the same time (each holds one database connection while it runs). */
  inFlight: number;
  /** Requests in one batch at most. */
  maxBatch: number;
}

interface Waiting<In, Out> {
  input: In;
  resolve: (output: Out) => void;
  reject: (error: unknown) => void;
}

export class Coalescer<In, Out> {
  private readonly queue: Waiting<In, Out>[] = [];
  private running = 0;
  /** How many batches have run and how many requests they carried (for tests). */
  readonly counts = { batches: 0, requests: 0, retriedAlone: 0 };

  /**
   * `run` answers a batch: one output per input, in the same order. It must be all or nothing
   * (one statement, or one transaction), so that a failed batch can run again request by request.
   */
  private readonly run: (inputs: In[]) => Promise<Out[]>;
  private readonly options: CoalesceOptions;

  constructor(run: (inputs: In[]) => Promise<Out[]>, options: CoalesceOptions) {
    this.run = run;
    this.options = options;
    if (!(options.inFlight >= 1) || !(options.maxBatch >= 1)) throw new Error('Coalescer: inFlight and maxBatch must be at least 1');
  }

  submit(input: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      this.queue.push({ input, resolve, reject });
      this.startBatches();
    });
  }

  private startBatches(): void {
    while (this.running < this.options.inFlight && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.options.maxBatch);
      this.running++;
      this.counts.batches++;
      this.counts.requests += batch.length;
      void this.runBatch(batch).finally(() => {
        this.running--;
        this.startBatches();
      });
    }
  }

  private async runBatch(batch: Waiting<In, Out>[]): Promise<void> {
    let outputs: Out[];
    try {
      outputs = await this.answer(batch.map((w) => w.input));
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(error);
      this.counts.retriedAlone += batch.length;
      await Promise.all(batch.map(async (w) => {
        try {
          w.resolve((await this.answer([w.input]))[0]!);
        } catch (aloneError) {
          w.reject(aloneError);
        }
      }));
      return;
    }
    batch.forEach((w, k) => w.resolve(outputs[k]!));
  }

  /** `run`, refusing an answer that does not have one output per input. */
  private async answer(inputs: In[]): Promise<Out[]> {
    const outputs = await this.run(inputs);
    if (outputs.length !== inputs.length) throw new Error(`Coalescer: ${outputs.length} answers for ${inputs.length} requests`);
    return outputs;
  }
}
