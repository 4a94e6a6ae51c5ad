// indexOf with memory: a forward scan over one text never re-reads what an earlier unsuccessful search covered.
// (Plain indexOf from every line start is quadratic when the character is rare or absent in the rest of a chunk.)
export class NextIndex {
  private text = '';
  private pos = -2;
  constructor(private readonly ch: string) {}

  /** text.indexOf(ch, from), for non-decreasing `from` on the same text. */
  find(text: string, from: number): number {
    if (text !== this.text) { this.text = text; this.pos = -2; }
    if (this.pos !== -1 && this.pos < from) this.pos = text.indexOf(this.ch, from);
    return this.pos;
  }
}
