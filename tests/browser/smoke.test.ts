import { expect, fixture, html } from '@open-wc/testing';
import { LitElement, html as litHtml } from 'lit';

class SmokeEl extends LitElement {
  override render() { return litHtml`<button>Open chat</button>`; }
}
customElements.define('smoke-el', SmokeEl);

describe('toolchain', () => {
  it('renders lit in chromium and passes axe', async () => {
    const el = await fixture<SmokeEl>(html`<smoke-el></smoke-el>`);
    expect(el.shadowRoot!.querySelector('button')!.textContent).to.equal('Open chat');
    await expect(el).to.be.accessible();
  });
});
