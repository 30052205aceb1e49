/** The stand-in's own listing of every app's calling settings, for its "Call from" menu. */
export const APPS_PATH = "/__stand-in/apps";

/** The app the stand-in was started for (`calling-stand-in host --app URL`), when it was. */
export const APP_PATH = "/__stand-in/app";
