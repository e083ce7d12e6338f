// Flow colours that make text unreadable are warned about (WCAG AA, 4.5:1), with a path; without
// onPrimaryColor the widget picks black or white on primaryColor, whichever reads better.
import { describe, expect, it } from 'vitest';
import { contrast, parseColor, readableOn } from '../../../src/engine/contrast.js';
import { validateFlow } from '../../../src/engine/validate.js';
import type { FlowProblem } from '../../../src/engine/types.js';

const flow = (theme: Record<string, unknown>) => ({ version: 1, settings: { theme }, dialogues: [] });

function warnings(theme: Record<string, unknown>): FlowProblem[] {
  const result = validateFlow(flow(theme));
  expect(result.ok).toBe(true);
  return result.ok ? result.warnings : [];
}

describe('contrast', () => {
  it('reads every colour form validateFlow accepts', () => {
    expect(parseColor('#abc')).toEqual([170, 187, 204]);
    expect(parseColor('#AABBCCDD')).toEqual([170, 187, 204]);
    expect(parseColor('rgb(10%, 20%, 30%)')).toEqual([25.5, 51, 76.5]);
    expect(parseColor('rgba(1 2 3 / 50%)')).toEqual([1, 2, 3]);
    expect(parseColor('hsl(210deg 100% 50%)')).toEqual([0, 127.5, 255]);
    expect(parseColor('hsla(-150, 50%, 50%, .5)')).toEqual([63.75, 127.5, 191.25]);
  });

  it('gives WCAG ratios: 21:1 for black on white, 1.73:1 for white on #8ecbff', () => {
    expect(contrast('#000', '#fff')).toBe(21);
    expect(contrast('#fff', '#000')).toBe(21);
    expect(contrast('#fff', '#8ecbff')).toBeCloseTo(1.73, 2);
    expect(contrast('#777', '#fff')).toBeCloseTo(4.48, 2);
  });

  it('picks black or white, whichever reads better on every background', () => {
    expect(readableOn('#8ecbff')).toBe('#000');
    expect(readableOn('#3b5bdb')).toBe('#fff');
    expect(readableOn('#ffd43b', '#1b1d22')).toBe('#fff');
    // Whatever the colour, one of the two reaches 4.5:1 on it.
    for (let v = 0; v < 256; v += 5) {
      const grey = `rgb(${v}, ${v}, ${v})`;
      expect(contrast(readableOn(grey), grey), grey).toBeGreaterThanOrEqual(4.5);
    }
  });
});

describe('validateFlow: unreadable colours are warnings with a path', () => {
  it('warns about white text set on a light primary, naming both colours and the ratio', () => {
    expect(warnings({ primaryColor: '#8ecbff', onPrimaryColor: '#fff' })).toEqual([{
      path: '/settings/theme/onPrimaryColor', level: 'warning',
      message: 'onPrimaryColor #fff on primaryColor #8ecbff has a contrast of 1.73:1, below the 4.5:1 WCAG AA asks for text, so some visitors cannot read it.',
    }, {
      path: '/settings/theme/primaryColor', level: 'warning',
      message: 'primaryColor #8ecbff on backgroundColor #fff has a contrast of 1.73:1, below the 3:1 WCAG AA asks for buttons and focus rings, so some visitors cannot see them.',
    }]);
  });

  it('says nothing of the text on a light primary without onPrimaryColor (the widget picks dark text), but warns that the primary itself is faint on the background', () => {
    expect(warnings({ primaryColor: '#8ecbff' })).toEqual([{
      path: '/settings/theme/primaryColor', level: 'warning',
      message: 'primaryColor #8ecbff on backgroundColor #fff has a contrast of 1.73:1, below the 3:1 WCAG AA asks for buttons and focus rings, so some visitors cannot see them.',
    }]);
  });

  it('judges the primary against a background the flow sets, and points at the background when only it was set', () => {
    expect(warnings({ primaryColor: '#3b5bdb', backgroundColor: '#1b1d22', textColor: '#e9ecef', botBubbleColor: '#2c3038' }).map((w) => [w.path, w.message.slice(0, 59)])).toEqual([
      ['/settings/theme/primaryColor', 'primaryColor #3b5bdb on backgroundColor #1b1d22 has a contr'],
    ]);
    expect(warnings({ backgroundColor: '#3b5bdb', textColor: '#fff', botBubbleColor: '#fff', onPrimaryColor: '#fff' }).map((w) => w.path)).toContain('/settings/theme/backgroundColor');
    expect(warnings({ primaryColor: '#3b5bdb', backgroundColor: '#fff' })).toEqual([]);
  });

  it('warns about text on the background and on the bot bubble, the light theme filling the colour left out', () => {
    const found = warnings({ textColor: '#999999', botBubbleColor: '#eeeeee' });
    expect(found.map((w) => w.path)).toEqual(['/settings/theme/textColor', '/settings/theme/textColor']);
    expect(found[0].message).toMatch(/^textColor #999999 on backgroundColor #fff has a contrast of 2\.84:1/);
    expect(found[1].message).toMatch(/^textColor #999999 on botBubbleColor #eeeeee has a contrast of 2\.4[0-9]:1/);
  });

  it('points at the background when only the background was set', () => {
    expect(warnings({ backgroundColor: '#2b2b2b' }).map((w) => [w.path, w.message.split(' has ')[0]])).toEqual([
      ['/settings/theme/backgroundColor', 'textColor #1f2933 on backgroundColor #2b2b2b'],
      ['/settings/theme/backgroundColor', 'primaryColor #3b5bdb on backgroundColor #2b2b2b'],
    ]);
  });

  it('warns about visitor text when no black or white reads on both the primary and the visitor bubble', () => {
    const found = warnings({ primaryColor: '#1b1d22', visitorBubbleColor: '#ffd43b' });
    expect(found).toHaveLength(1);
    expect(found[0].path).toBe('/settings/theme/visitorBubbleColor');
    expect(found[0].message).toMatch(/^onPrimaryColor #(?:000|fff) on visitorBubbleColor #ffd43b has a contrast of [0-9.]+:1/);
  });

  it('keeps the flow valid and judges hsl() and rgb() colours too', () => {
    expect(warnings({ primaryColor: 'hsl(210, 100%, 78%)', onPrimaryColor: 'rgb(255, 255, 255)' })[0].path).toBe('/settings/theme/onPrimaryColor');
    expect(warnings({ primaryColor: '#3b5bdb', onPrimaryColor: '#ffffff', textColor: '#1f2933', backgroundColor: '#fff', botBubbleColor: '#f1f3f5' })).toEqual([]);
  });

  it('refuses an onPrimaryColor that is not a colour', () => {
    const result = validateFlow(flow({ onPrimaryColor: 'white' }));
    expect(result.ok ? [] : result.errors.map((e) => e.path)).toEqual(['/settings/theme/onPrimaryColor']);
  });
});
