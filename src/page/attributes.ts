/** The element's attributes and the properties that mirror them, with no Lit. */

/** The observed attributes; each sets the property of its name (`page-url`: `pageUrl`). */
export const ATTRIBUTES = ['flow', 'endpoint', 'mode', 'open', 'page-url', 'theme', 'locale'];

/** The property an attribute sets. */
export const propertyOf = (attribute: string): string => (attribute === 'page-url' ? 'pageUrl' : attribute);

/**
 * Gives the prototype a property per string attribute (all but `flow` and `open`, which have
 * their own) that reads and writes the attribute; `mode` reads `bubble` when it is absent.
 */
export function mirrorAttributes(prototype: HTMLElement): void {
  for (const attribute of ATTRIBUTES.slice(1)) {
    const property = propertyOf(attribute);
    if (property === 'open') continue;
    Object.defineProperty(prototype, property, {
      get(this: HTMLElement) {
        return this.getAttribute(attribute) ?? (property === 'mode' ? 'bubble' : undefined);
      },
      set(this: HTMLElement, value: unknown) {
        if (value == null) this.removeAttribute(attribute);
        else this.setAttribute(attribute, String(value));
      },
    });
  }
}

/**
 * A page (or framework) that set properties before the tag was defined set them on the instance
 * itself, hiding the class's accessors: each goes through its accessor now.
 */
export function upgradeProperties(element: HTMLElement, others: string[]): void {
  const own = element as unknown as Record<string, unknown>;
  for (const key of [...ATTRIBUTES.map(propertyOf), ...others]) {
    if (Object.prototype.hasOwnProperty.call(own, key)) {
      const value = own[key];
      delete own[key];
      own[key] = value;
    }
  }
}
