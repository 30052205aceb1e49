export declare const SYSTEM_CHROMIUM: string;
export declare const NO_CHROMIUM: string;
export declare function chromiumLaunch(): { executablePath?: string; args: string[] } | null;
