/** A yes/no question in a modal <dialog> (focus stays inside; Escape says no) before something that cannot be undone. */
import { html } from 'lit';
import { LightElement, define } from './light-element.js';

let ids = 0;

/** `<dc-confirm>`: `ask(heading, message, action)` resolves true when the person confirms. */
export class Confirm extends LightElement {
  static override properties = { heading: { state: true }, message: { state: true }, action: { state: true } };
  declare heading: string;
  declare message: string;
  declare action: string;
  private readonly uid = `confirm-${++ids}`;
  private answer: ((yes: boolean) => void) | null = null;

  constructor() {
    super();
    this.heading = '';
    this.message = '';
    this.action = '';
  }

  /** Opens the dialog; the person's answer resolves the promise, and focus returns where it was. */
  async ask(heading: string, message: string, action: string): Promise<boolean> {
    Object.assign(this, { heading, message, action });
    await this.updateComplete;
    const dialog = this.querySelector('dialog')!;
    const before = document.activeElement as HTMLElement | null;
    dialog.showModal();
    // The safe answer has focus first.
    this.querySelector<HTMLButtonElement>('button[value=no]')!.focus();
    const yes = await new Promise<boolean>((resolve) => { this.answer = resolve; });
    dialog.close();
    before?.focus();
    return yes;
  }

  private reply(yes: boolean): void {
    this.answer?.(yes);
    this.answer = null;
  }

  protected override render() {
    return html`
      <dialog aria-labelledby="${this.uid}-h" aria-describedby="${this.uid}-p" @cancel=${(e: Event) => { e.preventDefault(); this.reply(false); }}>
        <h2 id="${this.uid}-h">${this.heading}</h2>
        <p id="${this.uid}-p">${this.message}</p>
        <div class="actions">
          <button type="button" class="danger" value="yes" @click=${() => this.reply(true)}>${this.action}</button>
          <button type="button" value="no" @click=${() => this.reply(false)}>Keep it</button>
        </div>
      </dialog>`;
  }
}

define('dc-confirm', Confirm);

declare global {
  interface HTMLElementTagNameMap { 'dc-confirm': Confirm }
}
