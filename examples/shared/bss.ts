/**
 * The package as the examples use it. In a project of your own this whole file is one line:
 *
 *     import * as bss from "pulumi-huaweicloud-bss";
 *
 * Here, inside the package's own repository, two things differ:
 * - the resources are loaded by name from node_modules (the copy scripts/install-self.sh installs),
 *   so their providers serialize as a small `require("pulumi-huaweicloud-bss/provider/<kind>")`
 *   exactly as for users; the types come from the source tree, so the examples compile before that
 *   copy exists (a fresh clone compiles first, then installs);
 * - the package root does not re-export the data sources yet, so they come from the data module
 *   (data sources run in the program's own process: where they load from does not matter).
 */
import type * as Package from "../../sdk";
import * as data from "../../sdk/data";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const installed: typeof Package = require("pulumi-huaweicloud-bss");

export const bss: typeof data & typeof Package = { ...data, ...installed };
