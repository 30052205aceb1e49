import { describe, expect, it } from "vitest";
import { ciJob, githubJob, gitlabJob, jobLines, portOf, shellWord } from "../../../kit/cli/ciJob";
import { parseInitArgs } from "../../../kit/cli/initArgs";

const APP = "https://localhost:9040/";
const input = (scripts: Record<string, unknown>, actionsFile = "calling-actions.json") => ({
  app: APP,
  actionsFile,
  scripts,
});

describe("init's CI job", () => {
  it("builds and starts the app with the team's own scripts, then checks it, keeping the report", () => {
    const text = githubJob(input({ build: "vite build", start: "node server.mjs" }));
    const order = [
      "actions/checkout@v4",
      "actions/setup-node@v4",
      "node-version: 20",
      '"npm ci"',
      '"npx playwright install --with-deps chromium"',
      '"npm run build"',
      '"npm run start > app.log 2>&1 &"',
      `"npx calling-stand-in check --app ${APP} --actions calling-actions.json --wait 30000 --report check-report.json"`,
      "if: always()",
      "actions/upload-artifact@v4",
      "check-report.*",
    ].map((part) => text.indexOf(part));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it("starts the first of start, preview, serve and dev; builds only with a build script", () => {
    expect(jobLines(input({ dev: "vite", serve: "x", preview: "y" })).start).toBe(
      "npm run preview > app.log 2>&1 &",
    );
    expect(jobLines(input({ dev: "vite" })).start).toBe("npm run dev > app.log 2>&1 &");
    expect(jobLines(input({ dev: "vite" })).build).toBeNull();
    expect(githubJob(input({ dev: "vite" }))).not.toContain("npm run build");
    // A script that is not a string is none.
    expect(jobLines(input({ start: 42, build: null })).build).toBeNull();
  });

  it("without a script to start the app, a line that says so and fails, with a comment", () => {
    const lines = jobLines(input({}));
    expect(lines.start).toBe(`echo 'Start the app at ${APP} here, in the background' && exit 1`);
    expect(lines.startNote).toContain("No start, preview, serve, dev script in package.json");
    expect(gitlabJob(input({}))).toContain(`# ${lines.startNote}`);
  });

  it("quotes a file with spaces or quotes as one shell word, and each line as YAML", () => {
    expect(shellWord("calling-actions.json")).toBe("calling-actions.json");
    expect(shellWord("my actions.json")).toBe("'my actions.json'");
    expect(shellWord("it's.json")).toBe("'it'\\''s.json'");
    const text = githubJob(input({ start: "x" }, 'ci/it\'s "ours".json'));
    expect(text).toContain(`--actions 'ci/it'\\\\''s \\"ours\\".json'`);
  });

  it("for GitLab: one job with its script and its artifacts kept whatever happened", () => {
    const text = gitlabJob(input({ build: "b", start: "s" }));
    expect(text).toContain(
      'calling-check:\n  image: node:20\n  # The check loads the app at https://localhost:9040/: a server that takes its port from PORT listens there (give yours its port another way if it does not)\n  variables:\n    PORT: "9040"\n  script:\n',
    );
    expect(text).toContain('    - "npm run build"\n');
    expect(text).toContain('    - "npm run start > app.log 2>&1 &"\n');
    expect(text).toContain("  artifacts:\n    when: always\n    paths:\n      - check-report.*");
  });

  it("sets PORT to the app's port, where its address names one (most servers take it from there)", () => {
    expect(githubJob(input({ start: "s" }))).toContain('\nenv:\n  PORT: "9040"\njobs:\n');
    const noPort = { ...input({ start: "s" }), app: "https://app.example/" };
    expect(githubJob(noPort)).not.toContain("PORT");
    expect(gitlabJob(noPort)).not.toContain("PORT");
    expect(portOf("https://localhost:3000/")).toBe("3000");
    expect(portOf("not a url")).toBeNull();
  });

  it("is written where each CI looks, or not at all", () => {
    expect(ciJob("github", input({}))?.file).toBe(".github/workflows/calling-check.yml");
    expect(ciJob("gitlab", input({}))?.file).toBe("calling-check.gitlab-ci.yml");
    expect(ciJob("none", input({}))).toBeNull();
  });
});

describe("init's command line", () => {
  it("needs an https app; writes calling-actions.json and a GitHub job by default", () => {
    expect(parseInitArgs(["--app", APP])).toEqual({
      ok: true,
      command: {
        kind: "run",
        app: APP,
        out: "calling-actions.json",
        ci: "github",
        force: false,
        waitMs: 0,
      },
    });
    expect(
      parseInitArgs([
        ...["--app", APP, "--out", "a.json", "--ci", "gitlab", "--force"],
        ...["--wait", "30000", "--stand-in-port", "9100"],
      ]),
    ).toMatchObject({
      ok: true,
      command: { out: "a.json", ci: "gitlab", force: true, waitMs: 30_000, standInPort: 9100 },
    });
    expect(parseInitArgs(["--help"])).toEqual({ ok: true, command: { kind: "help" } });
  });

  it.each([
    [[], "--app is required"],
    [["--app", "http://localhost:9040/"], "is not an https:// URL"],
    [["--app", "https://localhost:9040/\n#x"], "is not an https:// URL"],
    [["--app", APP, "--ci", "jenkins"], '--ci "jenkins" is not one of github, gitlab, none'],
    [["--app", APP, "--wait", "soon"], "--wait is a whole number"],
    [["--app", APP, "--stand-in-port", "70000"], "--stand-in-port is a port"],
    [["--app", APP, "--out", ""], "--out is the actions file's path"],
    [["--app", APP, "--forse"], "--forse is not an option (did you mean --force?)"],
    [["--app", APP, "extra"], "extra is not an option"],
  ])("refuses %j", (argv, message) => {
    const parsed = parseInitArgs(argv);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain(message);
  });
});
