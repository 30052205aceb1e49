/** Where the tests' stand-in keeps calling settings, out of a developer's own `.stand-in/`. */
export const SETTINGS_FILE = ".e2e/stand-in-settings.json";
