// The floor of `npm run bench`: the least a chat widget can do on a page (fetch its flow, render
// one button in a shadow root). The loader's cost is measured against it.
(() => {
  const flow = document.currentScript?.getAttribute('data-flow');
  customElements.define('floor-widget', class extends HTMLElement {
    connectedCallback() {
      if (this.shadowRoot) return;
      const root = this.attachShadow({ mode: 'open' });
      fetch(flow).then((response) => response.json()).then((doc) => {
        const button = document.createElement('button');
        button.setAttribute('part', 'poke');
        button.textContent = doc.settings?.botName || 'Chat';
        button.style.cssText = 'position:fixed;right:20px;bottom:20px;padding:12px 18px;border-radius:24px';
        root.append(button);
        // The same signal as <dynamic-chat>, so the bench waits for both alike.
        this.dispatchEvent(new CustomEvent('dc-ready', { bubbles: true, composed: true, detail: { dialogueId: null } }));
      }, () => {});
    }
  });
  document.body.append(document.createElement('floor-widget'));
})();
