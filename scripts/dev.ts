import "./lib/local-env";
import { prepare } from "./lib/prepare";
import { serveNext } from "./lib/serve";

const prepared = await prepare("development");
serveNext("dev", prepared);
