// A flow's light primary colour keeps the text on it readable (WCAG AA, 4.5:1): the widget picks
// dark text on it by itself, and a flow's own onPrimaryColor is used as written.
import { expect } from '@open-wc/testing';
import { contrast } from '../../src/engine/contrast.js';
import { RecordingAdapter, cleanPage, finishAnimations, findByRole, mount, testFlow } from './element-helpers.js';
import type { DynamicChat } from './element-helpers.js';
import { linkStylesheet } from './page-styles.js';

/** The contrast of an element's text on its own background, as the browser computed both. */
function ratioOf(node: Element): number {
  const style = getComputedStyle(node);
  return contrast(style.color, style.backgroundColor);
}

async function openWith(theme: Record<string, string>): Promise<DynamicChat> {
  const flow = testFlow({ autoOpen: true });
  flow.settings!.theme = theme;
  const { el } = await mount({ flow, adapter: new RecordingAdapter() });
  return el;
}

describe('theme contrast', () => {
  const extras: Element[] = [];
  afterEach(() => {
    cleanPage();
    for (const node of extras.splice(0)) node.remove();
  });

  it('on a light primary (#8ecbff), option, Send and visitor bubble text is dark enough to read', async () => {
    const el = await openWith({ primaryColor: '#8ecbff' });
    const option = await findByRole(el, 'button', 'Talk to sales');
    finishAnimations(el);
    expect(getComputedStyle(option).backgroundColor).to.equal('rgb(142, 203, 255)');
    // White would be 1.73:1 here.
    expect(ratioOf(option)).to.be.at.least(4.5);
    option.click();
    const send = await findByRole(el, 'button', 'Send');
    finishAnimations(el);
    expect(ratioOf(send)).to.be.at.least(4.5);
    const bubble = el.shadowRoot!.querySelector('.visitor .bubble-text')!;
    expect(bubble.textContent).to.include('Talk to sales');
    expect(ratioOf(bubble)).to.be.at.least(4.5);
    await expect(el).to.be.accessible();
  });

  it('on a dark primary the text stays white, and a flow\'s onPrimaryColor is used as written', async () => {
    const dark = await openWith({ primaryColor: '#1b3a5c' });
    expect(getComputedStyle(await findByRole(dark, 'button', 'Talk to sales')).color).to.equal('rgb(255, 255, 255)');
    dark.remove();
    const own = await openWith({ primaryColor: '#8ecbff', onPrimaryColor: '#102a43' });
    expect(getComputedStyle(await findByRole(own, 'button', 'Talk to sales')).color).to.equal('rgb(16, 42, 67)');
  });

  it('a page rule for --dc-on-primary-color wins over the automatic pick', async () => {
    const style = document.createElement('style');
    style.textContent = 'dynamic-chat { --dc-on-primary-color: #123456 }';
    document.head.append(style);
    extras.push(style);
    const el = await openWith({ primaryColor: '#8ecbff', visitorBubbleColor: '#8ecbff' });
    expect(getComputedStyle(await findByRole(el, 'button', 'Talk to sales')).color).to.equal('rgb(18, 52, 86)');
  });

  it('with themes/light.css or themes/dark.css linked, a light flow primary still gets dark text', async () => {
    for (const file of ['/themes/light.css', '/themes/dark.css']) {
      const link = await linkStylesheet(file);
      const el = await openWith({ primaryColor: '#8ecbff' });
      expect(ratioOf(await findByRole(el, 'button', 'Talk to sales')), file).to.be.at.least(4.5);
      el.remove();
      link.remove();
    }
  });
});
