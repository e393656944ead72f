import { defineApp, render, route } from "switchyard/worker";
import { Document } from "./app/Document";
import { Home } from "./app/pages/Home";

export default defineApp([render(Document, [route("/", Home)])]);
