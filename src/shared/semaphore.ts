import { AppError } from './errors.ts';

/** A counting semaphore: at most `slots` holders at once; the rest wait in arrival order. */
export class Semaphore {
  #free: number;
  readonly #waiting: { grant: () => void; timer?: NodeJS.Timeout }[] = [];

  constructor(readonly slots: number) {
    this.#free = slots;
  }

  /**
   * Runs `fn` while holding a slot; the slot is released however `fn` ends. A caller that has
   * waited `waitMs` without a slot gets 503 busy instead of waiting on (a stuck holder must
   * not turn into a hang for everyone behind it).
   */
  async run<T>(fn: () => Promise<T>, waitMs?: number): Promise<T> {
    if (this.#free > 0) this.#free -= 1;
    else await this.#wait(waitMs);
    try {
      return await fn();
    } finally {
      const next = this.#waiting.shift();
      // The slot passes straight to the next waiter, so a newcomer cannot overtake it.
      if (next) {
        clearTimeout(next.timer);
        next.grant();
      } else this.#free += 1;
    }
  }

  #wait(waitMs: number | undefined): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const entry: { grant: () => void; timer?: NodeJS.Timeout } = { grant: resolve };
      if (waitMs !== undefined) {
        entry.timer = setTimeout(() => {
          const at = this.#waiting.indexOf(entry);
          if (at >= 0) this.#waiting.splice(at, 1);
          reject(new AppError(503, 'busy'));
        }, waitMs);
      }
      this.#waiting.push(entry);
    });
  }
}
