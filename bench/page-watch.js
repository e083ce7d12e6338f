// Injected by bench/measure.ts before anything else runs in a page. Notes dc-ready, and the first
// moment an element with part="poke" in any shadow root is visible, in window.bench, and says so on
// the console: the bench waits for the message instead of polling, since polling would run script
// in the page while it is measured. Plain JS, so that no compiler helper leaks into the page.
(() => {
  const seen = {};
  window.bench = seen;
  const note = (name) => {
    if (name in seen) return;
    seen[name] = performance.now();
    console.debug(`bench:${name}`);
  };
  document.addEventListener('dc-ready', () => note('ready'));
  const visible = (poke) => {
    if (poke.isConnected && poke.checkVisibility({ opacityProperty: true, visibilityProperty: true }) && poke.getBoundingClientRect().width > 0) note('poke');
    else requestAnimationFrame(() => visible(poke));
  };
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attach.call(this, init);
    let found = false;
    new MutationObserver(() => {
      const poke = found ? null : root.querySelector('[part~="poke"]');
      if (!poke) return;
      found = true;
      requestAnimationFrame(() => visible(poke));
    }).observe(root, { childList: true, subtree: true });
    return root;
  };
})();
