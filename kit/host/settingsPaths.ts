/** The stand-in's own listing of every app's calling settings, for its "Call from" menu. */
export const APPS_PATH = "/__stand-in/apps";
