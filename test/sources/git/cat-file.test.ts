import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { CatFileBatch } from "../../../src/sources/git/cat-file.js";
import { tempDir } from "../../helpers/cli.js";
import { TestRepo } from "../../helpers/git-repo.js";

describe("CatFileBatch", () => {
  let tmp: ReturnType<typeof tempDir>;
  let repo: TestRepo;
  beforeAll(() => {
    tmp = tempDir("nhi-catfile-");
    repo = TestRepo.init(join(tmp.dir, "r"));
  });
  afterAll(() => tmp.cleanup());

  it("returns each object's exact bytes in request order, including empty and binary blobs", async () => {
    const contents = [Buffer.from("hello\n"), Buffer.alloc(0), randomBytes(300_000), Buffer.from("a\nb\n\n"), randomBytes(70_000)];
    const ids = contents.map((c) => repo.blob(c));
    const b = new CatFileBatch({ cwd: repo.dir }, { maxSize: 1 << 30 });
    const got = await Promise.all(ids.map((id) => b.get(id)));
    await b.close();
    expect(got.map((o) => o.oid)).toEqual(ids);
    got.forEach((o, i) => {
      expect(o.type).toBe("blob");
      expect(o.bytes!.equals(contents[i])).toBe(true);
    });
  });

  it("skips objects over the size limit without buffering them, and reports missing ones", async () => {
    const big = repo.blob(randomBytes(50_000));
    const small = repo.blob("small\n");
    const missing = "0123456789abcdef0123456789abcdef01234567";
    const b = new CatFileBatch({ cwd: repo.dir }, { maxSize: 1000 });
    const [o1, o2, o3] = await Promise.all([b.get(big), b.get(missing), b.get(small)]);
    await b.close();
    expect(o1).toMatchObject({ oid: big, tooLarge: true, size: 50_000 });
    expect(o1.bytes).toBeUndefined();
    expect(o2).toMatchObject({ oid: missing, type: "missing" });
    expect(o3.bytes!.toString()).toBe("small\n");
  });

  it("stops reading while delivered bytes are unreleased, and resumes on release", async () => {
    const ids = Array.from({ length: 6 }, () => repo.blob(randomBytes(40_000)));
    const b = new CatFileBatch({ cwd: repo.dir }, { maxSize: 1 << 30, highWater: 50_000 });
    const delivered: string[] = [];
    const all = ids.map((id) => b.get(id).then((o) => (delivered.push(o.oid), o)));
    await all[1];
    await new Promise((r) => setTimeout(r, 200));
    // Two objects (80 KB) exceed the 50 KB high-water mark: git is not read further until a release.
    expect(delivered.length).toBe(2);
    for (let i = 0; i < ids.length; i++) {
      const o = await all[i];
      b.release(o.bytes!.length);
    }
    expect(delivered).toEqual(ids);
    await b.close();
  });

  it("refuses anything but an object id", async () => {
    const b = new CatFileBatch({ cwd: repo.dir }, { maxSize: 10 });
    await expect(b.get("--batch-all-objects")).rejects.toThrow(/not an object id/);
    await expect(b.get("HEAD")).rejects.toThrow(/not an object id/);
    await b.close();
  });
});
