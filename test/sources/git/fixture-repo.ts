// The history every git test scans: several branches with set authors and dates, a secret added
// then deleted, one blob at two paths, a rename, a merge, a tag on an otherwise unreachable commit,
// and a stash. Secrets are generated per run (fake, well-formed).
import { join } from "node:path";
import { githubToken } from "../../helpers/tokens.js";
import { TestRepo, type Who } from "../../helpers/git-repo.js";

export const ALICE = "Alice Adams";
export const BOB = "Bob Brown";
export const CAROL = "Carol Chen";
export const DAVE = "Dave Diaz";
export const EVE = "Eve Evans";

const at = (name: string, day: number): Who => ({ name, date: `2024-01-${String(day).padStart(2, "0")}T12:00:00Z` });

export interface HistoryFixture {
  repo: TestRepo;
  secrets: { renamed: string; twin: string; deleted: string; feature: string; tagged: string; stashed: string };
  commits: { c1: string; c2: string; c3: string; c4: string; c5: string; c6: string; merge: string; side: string; stash: string };
}

function appEnv(secret: string, extra = ""): string {
  return ["# application settings", "APP_NAME=demo", "APP_PORT=8080", "LOG_LEVEL=info", `GITHUB_TOKEN=${secret}`, "REGION=eu-west-1", extra].join("\n") + "\n";
}

/** Build the fixture repository under `dir`. */
export function buildHistoryRepo(dir: string): HistoryFixture {
  const repo = TestRepo.init(join(dir, "repo"));
  const secrets = {
    renamed: githubToken(),
    twin: githubToken(),
    deleted: githubToken(),
    feature: githubToken(),
    tagged: githubToken(),
    stashed: githubToken(),
  };
  const twin = `shared doc\ntoken: ${secrets.twin}\n`;
  const c1 = repo.commit({ "README.md": "# demo\n", "config/app.env": appEnv(secrets.renamed), "docs/a.txt": twin, "docs/b.txt": twin }, at(ALICE, 1), "initial");
  const c2 = repo.commit({ "old.env": `OLD_TOKEN=${secrets.deleted}\n` }, at(BOB, 2), "add old token");
  const c3 = repo.commit({ "old.env": null }, at(BOB, 3), "remove old token");

  // A side branch that only a tag keeps reachable.
  repo.git(["checkout", "-q", "-b", "side", c1]);
  const side = repo.commit({ "side.txt": `key ${secrets.tagged}\n` }, at(DAVE, 8), "side work");
  repo.git(["tag", "v-side", side]);
  repo.git(["checkout", "-q", "main"]);
  repo.git(["branch", "-D", "side"]);

  repo.git(["checkout", "-q", "-b", "feature", c3]);
  const c4 = repo.commit({ "feature/key.txt": `api_key = ${secrets.feature}\n` }, at(CAROL, 4), "feature key");
  // Rename with an edit: the secret moves with its file and keeps its origin (c1).
  repo.git(["mv", "config/app.env", "config/renamed.env"]);
  const c5 = repo.commit({ "config/renamed.env": appEnv(secrets.renamed, "FEATURE_FLAG=on") }, at(CAROL, 5), "rename settings");
  repo.git(["checkout", "-q", "main"]);
  const c6 = repo.commit({ "README.md": "# demo\n\nMore words.\n" }, at(ALICE, 6), "docs");
  repo.git(["tag", "v1", c2]);
  repo.git(["merge", "-q", "--no-ff", "-m", "merge feature", "feature"], { who: at(ALICE, 7) });
  const merge = repo.rev("HEAD");

  // A stashed working-tree change: reachable only through refs/stash.
  repo.write({ "README.md": `# demo\n\nMore words.\nstash ${secrets.stashed}\n` });
  repo.git(["stash", "push", "-q", "-m", "wip"], { who: at(EVE, 9) });
  const stash = repo.rev("refs/stash");
  return { repo, secrets, commits: { c1, c2, c3, c4, c5, c6, merge, side, stash } };
}
