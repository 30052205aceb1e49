/**
 * The CI job `init` writes (pure): install, the team's own build and server (read from the scripts
 * of their package.json), then the check with the actions file, its report kept whatever happened.
 * Every value that comes from the command line is quoted for the shell, and the shell line for
 * YAML, so a path with spaces or quotes stays one argument.
 */

export const CI_KINDS = ["github", "gitlab", "none"] as const;
export type CiKind = (typeof CI_KINDS)[number];

/** Where each job is written, from the project's root. */
export const CI_FILES: Readonly<Record<Exclude<CiKind, "none">, string>> = {
  github: ".github/workflows/calling-check.yml",
  gitlab: "calling-check.gitlab-ci.yml",
};

/** The scripts that start a server, in the order one is chosen. */
export const START_SCRIPTS = ["start", "preview", "serve", "dev"] as const;

export interface CiInput {
  readonly app: string;
  readonly actionsFile: string;
  /** The scripts of the project's package.json (none when it has none). */
  readonly scripts: Readonly<Record<string, unknown>>;
}

/** `value` as one shell word: bare when it is plain, else in single quotes. */
export function shellWord(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}

/** `value` as a YAML scalar in double quotes (JSON's escapes are YAML's). */
const yamlString = (value: string) => JSON.stringify(value);

/** The shell lines of the job, after install, each with a comment where one helps. */
export function jobLines({ app, actionsFile, scripts }: CiInput): {
  build: string | null;
  start: string;
  startNote: string;
  check: string;
} {
  const has = (name: string) => typeof scripts[name] === "string";
  const server = START_SCRIPTS.find(has);
  return {
    build: has("build") ? "npm run build" : null,
    start: server
      ? `npm run ${server} > app.log 2>&1 &`
      : `echo ${shellWord(`Start the app at ${app} here, in the background`)} && exit 1`,
    startNote: server
      ? `The app's server, in the background (its output in app.log)`
      : `No ${START_SCRIPTS.join(", ")} script in package.json: replace this line with the command that serves the app at ${app}, in the background`,
    check: [
      "npx calling-stand-in check",
      ...["--app", shellWord(app), "--actions", shellWord(actionsFile)],
      "--wait 30000 --report check-report.json",
    ].join(" "),
  };
}

const HEADER = `# HubSpot's calling scenarios against the app, on a local HubSpot stand-in.
# Written by \`calling-stand-in init\`; yours to change.`;

/** The app's port, where its address names one: most servers take theirs from PORT. */
export function portOf(app: string): string | null {
  try {
    return new URL(app).port || null;
  } catch {
    return null;
  }
}

const PORT_NOTE = (app: string) =>
  `The check loads the app at ${app}: a server that takes its port from PORT listens there (give yours its port another way if it does not)`;

/** A GitHub Actions workflow. */
export function githubJob(input: CiInput): string {
  const lines = jobLines(input);
  const run = (name: string, line: string, note?: string) =>
    [
      ...(note ? [`      # ${note}`] : []),
      `      - name: ${yamlString(name)}`,
      `        run: ${yamlString(line)}`,
    ].join("\n");
  const port = portOf(input.app);
  const env = port ? `# ${PORT_NOTE(input.app)}\nenv:\n  PORT: ${yamlString(port)}\n` : "";
  return `${HEADER}
name: Calling check
on:
  push:
  pull_request:
${env}jobs:
  calling-check:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
          cache: npm
${run("Install", "npm ci")}
${run("Install Chromium", "npx playwright install --with-deps chromium")}
${lines.build ? `${run("Build", lines.build)}\n` : ""}${run("Start the app", lines.start, lines.startNote)}
${run("Check the calling app", lines.check)}
      - name: Keep the report
        if: always()
        uses: actions/upload-artifact@v4
        with:
          name: calling-check-report
          path: |
            check-report.*
            app.log
          if-no-files-found: ignore
`;
}

const variables = (app: string) => {
  const port = portOf(app);
  return port ? `  # ${PORT_NOTE(app)}\n  variables:\n    PORT: ${yamlString(port)}\n` : "";
};

/** A GitLab CI job, to add to .gitlab-ci.yml. */
export function gitlabJob(input: CiInput): string {
  const lines = jobLines(input);
  const script = [
    "npm ci",
    "npx playwright install --with-deps chromium",
    ...(lines.build ? [lines.build] : []),
  ].map((line) => `    - ${yamlString(line)}`);
  return `${HEADER}
# Add this job to your .gitlab-ci.yml (or include this file from it).
calling-check:
  image: node:20
${variables(input.app)}  script:
${script.join("\n")}
    # ${lines.startNote}
    - ${yamlString(lines.start)}
    - ${yamlString(lines.check)}
  artifacts:
    when: always
    paths:
      - check-report.*
      - app.log
`;
}

/** The job for `kind`: where it goes, and its text; null for none. */
export function ciJob(kind: CiKind, input: CiInput): { file: string; text: string } | null {
  if (kind === "none") return null;
  return { file: CI_FILES[kind], text: kind === "github" ? githubJob(input) : gitlabJob(input) };
}
