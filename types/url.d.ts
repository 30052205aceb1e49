/**
 * The one host API the softphone's pure core may use beside the language: WHATWG URL parsing,
 * which browsers and Node both give. Only tsconfig.core.json reads this; there the DOM is not
 * declared, so a core file that reaches for `document`, `window` or storage fails the type check.
 */
declare class URL {
  constructor(url: string, base?: string);
  static canParse(url: string, base?: string): boolean;
  readonly href: string;
  readonly origin: string;
  readonly protocol: string;
  readonly hostname: string;
  readonly port: string;
  readonly pathname: string;
}
