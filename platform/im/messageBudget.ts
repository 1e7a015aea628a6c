// A room's per-second message budget (Tencent's frequency control): which of a batch's pending messages go out.
import type { Priority } from '../../common/chatHub/protocol';

const PRIORITY_RANK: Record<Priority, number> = { High: 0, Normal: 1, Low: 2, Lowest: 3 };

/** Token bucket of the per-second budget: a steady rate within it never drops, bursts above it do. */
export class MessageBudget {
  private tokens: number;
  private at = Date.now();

  constructor(private readonly perSecond: number) {
    this.tokens = perSecond;
  }

  /**
   * Within the budget, higher priorities go first; High (gifts) is never dropped; the rest over budget is dropped,
   * the lowest priority first. Answers the kept ones in their arrival order, and how many were dropped.
   */
  choose<T extends { msg: { priority: Priority } }>(pending: T[], now: number): { chosen: T[]; dropped: number } {
    this.tokens = Math.min(this.perSecond, this.tokens + ((now - this.at) / 1000) * this.perSecond);
    this.at = now;
    let budget = Math.floor(this.tokens);
    // Pending is in arrival (seq) order: bucketed by priority it stays so, and a flood costs O(n), not a sort.
    const byPriority: T[][] = [[], [], [], []];
    for (const p of pending) byPriority[PRIORITY_RANK[p.msg.priority]]!.push(p);
    const dropped = new Set<T>();
    for (const bucket of byPriority)
      for (const p of bucket) {
        if (p.msg.priority === 'High' || budget > 0) {
          if (p.msg.priority !== 'High') budget--;
          this.tokens = Math.max(0, this.tokens - 1);
        } else dropped.add(p);
      }
    return { chosen: dropped.size ? pending.filter((p) => !dropped.has(p)) : pending, dropped: dropped.size };
  }
}
