<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>sy::AppPreview</name>
    <message>
        <source>Reload</source>
        <translation>Neu laden</translation>
    </message>
    <message>
        <source>Open in browser</source>
        <translation>Im Browser öffnen</translation>
    </message>
    <message>
        <source>The dev server&apos;s address</source>
        <translation>Die Adresse des Entwicklungsservers</translation>
    </message>
</context>
<context>
    <name>sy::DashboardLayout</name>
    <message>
        <source>&amp;Graph Only</source>
        <translation>Nur &amp;Graph</translation>
    </message>
    <message>
        <source>&amp;Reset Layout</source>
        <translation>Layout &amp;zurücksetzen</translation>
    </message>
</context>
<context>
    <name>sy::DashboardViews</name>
    <message>
        <source>Timeline</source>
        <translation>Zeitleiste</translation>
    </message>
    <message>
        <source>Module inspector</source>
        <translation>Modul-Inspektor</translation>
    </message>
    <message>
        <source>App storage</source>
        <translation>App-Speicher</translation>
    </message>
    <message>
        <source>The app&apos;s KV namespaces and D1 databases (.switchyard/storage)</source>
        <translation>KV-Namespaces und D1-Datenbanken der App (.switchyard/storage)</translation>
    </message>
    <message>
        <source>The engine runs but has no modules yet: the client, ssr and worker graphs appear here as it crawls the app&apos;s entries.</source>
        <translation>Die Engine läuft, hat aber noch keine Module: die Graphen von client, ssr und worker erscheinen hier, während sie die Einstiegspunkte der App durchläuft.</translation>
    </message>
    <message>
        <source>No module shown: the environment, the Filters menu or the focus hide them all.</source>
        <translation>Kein Modul sichtbar: die Umgebung, das Filtermenü oder der Fokus blenden alle aus.</translation>
    </message>
    <message>
        <source>No modules yet.</source>
        <translation>Noch keine Module.</translation>
    </message>
    <message>
        <source>No module matches &quot;%1&quot;.</source>
        <translation>Kein Modul passt zu „%1“.</translation>
    </message>
    <message>
        <source>No engine events yet: optimizer runs, invalidations, HMR updates and requests appear here as they happen. Open the app in a browser (View &gt; Open in Browser) or edit one of its files.</source>
        <translation>Noch keine Engine-Ereignisse: Optimierer-Läufe, Invalidierungen, HMR-Updates und Anfragen erscheinen hier, sobald sie geschehen. Die App im Browser öffnen (Ansicht &gt; Im Browser öffnen) oder eine ihrer Dateien bearbeiten.</translation>
    </message>
    <message>
        <source>Looking for test files…</source>
        <translation>Testdateien werden gesucht…</translation>
    </message>
    <message>
        <source>No test files found: the app&apos;s Vitest files (*.test.ts, *.spec.tsx, … as its vitest config includes them) appear here. Add one, then Run all.</source>
        <translation>Keine Testdateien gefunden: die Vitest-Dateien der App (*.test.ts, *.spec.tsx, … wie ihre Vitest-Konfiguration sie einschließt) erscheinen hier. Eine hinzufügen, dann Alle ausführen.</translation>
    </message>
</context>
<context>
    <name>sy::EmptyStateOverlay</name>
    <message>
        <source>No app is open yet. File &gt; Open App Folder… (Ctrl+O) opens a folder with a wrangler.jsonc; the engine starts it here.</source>
        <translation>Noch keine App geöffnet. Datei &gt; App-Ordner öffnen… (Strg+O) öffnet einen Ordner mit einer wrangler.jsonc; die Engine startet sie hier.</translation>
    </message>
    <message>
        <source>Starting the engine for %1…</source>
        <translation>Die Engine für %1 startet…</translation>
    </message>
    <message>
        <source>The app could not start:
%1
Fix it and open the folder again (File &gt; Open Recent).</source>
        <translation>Die App konnte nicht starten:
%1
Beheben und den Ordner erneut öffnen (Datei &gt; Zuletzt geöffnet).</translation>
    </message>
</context>
<context>
    <name>sy::EngineWords</name>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>committed</source>
        <translation>übernommen</translation>
    </message>
    <message>
        <source>reused-cache</source>
        <translation>Cache wiederverwendet</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>initial scan</source>
        <translation>erster Scan</translation>
    </message>
    <message>
        <source>lockfile changed</source>
        <translation>Lockfile geändert</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>optimizer-run</source>
        <translation>Optimierer-Lauf</translation>
    </message>
    <message>
        <source>invalidation</source>
        <translation>Invalidierung</translation>
    </message>
    <message>
        <source>hmr</source>
        <translation>HMR</translation>
    </message>
    <message>
        <source>request</source>
        <translation>Anfrage</translation>
    </message>
    <message>
        <source>generation</source>
        <translation>Generation</translation>
    </message>
    <message>
        <source>error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>runner-cache-clear</source>
        <translation>Runner-Cache geleert</translation>
    </message>
    <message>
        <source>stale-reference</source>
        <translation>veraltete Referenz</translation>
    </message>
    <message>
        <source>security</source>
        <translation>Sicherheit</translation>
    </message>
    <message>
        <source>storage</source>
        <translation>Speicher</translation>
    </message>
    <message>
        <source>soft</source>
        <translation>weich</translation>
    </message>
    <message>
        <source>hard</source>
        <translation>hart</translation>
    </message>
    <message>
        <source>use-client/use-server lookups</source>
        <translation>use-client-/use-server-Nachschlagetabellen</translation>
    </message>
    <message>
        <source>Node.js compatibility changed: every module resolves again</source>
        <translation>Node.js-Kompatibilität geändert: jedes Modul wird neu aufgelöst</translation>
    </message>
    <message>
        <source>discovered %1</source>
        <translation>entdeckt: %1</translation>
    </message>
    <message>
        <source>changed %1</source>
        <translation>geändert: %1</translation>
    </message>
    <message>
        <source>HMR invalidate %1</source>
        <translation>HMR-Invalidierung %1</translation>
    </message>
    <message>
        <source>stale ?v= in %1</source>
        <translation>veraltetes ?v= in %1</translation>
    </message>
    <message>
        <source>runner evaluated an older %1</source>
        <translation>Runner hat eine ältere Fassung von %1 ausgewertet</translation>
    </message>
    <message>
        <source>%1 changed: %2 (%3 modules)</source>
        <translation>%1 geändert: %2 (%3 Module)</translation>
    </message>
    <message>
        <source>cleared %1 evaluated modules</source>
        <translation>%1 ausgewertete Module geleert</translation>
    </message>
    <message>
        <source>dropped %1 evaluated modules</source>
        <translation>%1 ausgewertete Module verworfen</translation>
    </message>
    <message>
        <source>generation %1 -&gt; %2</source>
        <translation>Generation %1 -&gt; %2</translation>
    </message>
    <message>
        <source>%1: worker isolate recreated, %2 request(s) failed, every module dropped (the state module too)</source>
        <translation>%1: Worker-Isolate neu erstellt, %2 Anfrage(n) fehlgeschlagen, alle Module verworfen (auch das Zustandsmodul)</translation>
    </message>
    <message>
        <source>D1 %1: applied %2 migration(s) from %3</source>
        <translation>D1 %1: %2 Migration(en) aus %3 angewendet</translation>
    </message>
    <message>
        <source>D1 %1: migration failed: %2</source>
        <translation>D1 %1: Migration fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>pre-bundling &quot;%1&quot; failed in the %2 environment: %3</source>
        <translation>Vorbündeln von „%1“ in der Umgebung %2 fehlgeschlagen: %3</translation>
    </message>
    <message>
        <source>refused %1 %2 (%3): %4</source>
        <translation>abgelehnt: %1 %2 (%3): %4</translation>
    </message>
    <message>
        <source>(failed: %1)</source>
        <translation>(fehlgeschlagen: %1)</translation>
    </message>
    <message>
        <source>stale</source>
        <translation>veraltet</translation>
    </message>
</context>
<context>
    <name>sy::InspectorFollower</name>
    <message>
        <source>%1 is not in the dev server&apos;s module graphs: it belongs to a test run&apos;s graph, which the inspector does not show.</source>
        <translation>%1 ist nicht in den Modulgraphen des Dev-Servers: es gehört zum Graphen eines Testlaufs, den der Inspektor nicht zeigt.</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>sy::JournalModel</name>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>Umgebung</translation>
    </message>
    <message>
        <source>Generation</source>
        <translation>Generation</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
</context>
<context>
    <name>sy::JournalWindow</name>
    <message>
        <source>Journal</source>
        <translation>Journal</translation>
    </message>
    <message>
        <source>State at Cursor</source>
        <translation>Zustand am Cursor</translation>
    </message>
    <message>
        <source>%1 — Journal</source>
        <translation>%1 — Journal</translation>
    </message>
    <message>
        <source>Read-only, events: %1</source>
        <translation>Schreibgeschützt, Ereignisse: %1</translation>
    </message>
    <message>
        <source>Cannot read the journal: %1</source>
        <translation>Das Journal kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Cannot Open Journal</source>
        <translation>Journal kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>%1 is not a readable journal: %2</source>
        <translation>%1 ist kein lesbares Journal: %2</translation>
    </message>
</context>
<context>
    <name>sy::KeyboardShortcuts</name>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Tasten</translation>
    </message>
    <message>
        <source>In the graph</source>
        <translation>Im Graphen</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
</context>
<context>
    <name>sy::MainWindow</name>
    <message>
        <source>Events</source>
        <translation>Ereignisse</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Open App Folder…</source>
        <translation>App-Ordner &amp;öffnen…</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Find Module</source>
        <translation>Modul &amp;suchen</translation>
    </message>
    <message>
        <source>Open in &amp;Browser</source>
        <translation>Im &amp;Browser öffnen</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Switchyard</source>
        <translation>&amp;Über Switchyard</translation>
    </message>
    <message>
        <source>About Switchyard</source>
        <translation>Über Switchyard</translation>
    </message>
    <message>
        <source>&lt;b&gt;Switchyard&lt;/b&gt; %1&lt;br&gt;A dev engine and dashboard for React Server Components apps: module graphs across the client, ssr and worker environments, the dependency optimizer and the live loop.</source>
        <translation>&lt;b&gt;Switchyard&lt;/b&gt; %1&lt;br&gt;Eine Entwicklungs-Engine mit Dashboard für React-Server-Components-Apps: Modulgraphen über die Umgebungen client, ssr und worker, der Abhängigkeitsoptimierer und die Live-Schleife.</translation>
    </message>
    <message>
        <source>&amp;Clear List</source>
        <translation>Liste &amp;leeren</translation>
    </message>
    <message>
        <source>Switchyard</source>
        <translation>Switchyard</translation>
    </message>
    <message>
        <source>%1 — Switchyard</source>
        <translation>%1 — Switchyard</translation>
    </message>
    <message>
        <source>Open App Folder (with wrangler.jsonc)</source>
        <translation>App-Ordner öffnen (mit wrangler.jsonc)</translation>
    </message>
    <message>
        <source>Not an App Folder</source>
        <translation>Kein App-Ordner</translation>
    </message>
    <message>
        <source>%1 has no wrangler.jsonc.</source>
        <translation>%1 enthält keine wrangler.jsonc.</translation>
    </message>
    <message>
        <source>Modules</source>
        <translation>Module</translation>
    </message>
    <message>
        <source>Open &amp;Journal…</source>
        <translation>&amp;Journal öffnen…</translation>
    </message>
    <message>
        <source>Open Journal</source>
        <translation>Journal öffnen</translation>
    </message>
    <message>
        <source>Journals (*.sqlite *.sqlite3 *.db *.journal);;All Files (*)</source>
        <translation>Journale (*.sqlite *.sqlite3 *.db *.journal);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>%1 (the bundled example, in %2) — Switchyard</source>
        <translation>%1 (das mitgelieferte Beispiel, in %2) — Switchyard</translation>
    </message>
</context>
<context>
    <name>sy::ModuleGraphActions</name>
    <message>
        <source>+ or Ctrl++</source>
        <translation>+ oder Strg++</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Vergrößern</translation>
    </message>
    <message>
        <source>- or Ctrl+-</source>
        <translation>- oder Strg+-</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Verkleinern</translation>
    </message>
    <message>
        <source>0 or F</source>
        <translation>0 oder F</translation>
    </message>
    <message>
        <source>Fit the whole graph</source>
        <translation>Den ganzen Graphen einpassen</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>Pfeil hoch</translation>
    </message>
    <message>
        <source>Select an importer of the selected module</source>
        <translation>Ein Modul wählen, das das gewählte importiert</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>Pfeil runter</translation>
    </message>
    <message>
        <source>Select a module it imports</source>
        <translation>Ein Modul wählen, das es importiert</translation>
    </message>
    <message>
        <source>Left, Right</source>
        <translation>Pfeil links, rechts</translation>
    </message>
    <message>
        <source>Select the module beside it</source>
        <translation>Das Modul daneben wählen</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Eingabe</translation>
    </message>
    <message>
        <source>Open the inspector on it (expand a package)</source>
        <translation>Den Inspektor dafür öffnen (ein Paket aufklappen)</translation>
    </message>
    <message>
        <source>Escape</source>
        <translation>Esc</translation>
    </message>
    <message>
        <source>Clear the highlighted chain, the focus and the selection</source>
        <translation>Hervorgehobene Kette, Fokus und Auswahl aufheben</translation>
    </message>
    <message>
        <source>Right click</source>
        <translation>Rechtsklick</translation>
    </message>
    <message>
        <source>Copy id or path, open in editor, focus, why is this here?</source>
        <translation>ID oder Pfad kopieren, im Editor öffnen, fokussieren, warum ist das hier?</translation>
    </message>
    <message>
        <source>F11</source>
        <translation>F11</translation>
    </message>
    <message>
        <source>Graph only (hide the docks); again to bring them back</source>
        <translation>Nur Graph (Docks ausblenden); nochmals drücken holt sie zurück</translation>
    </message>
    <message>
        <source>Ctrl+F</source>
        <translation>Strg+F</translation>
    </message>
    <message>
        <source>Find a module</source>
        <translation>Ein Modul suchen</translation>
    </message>
    <message>
        <source>&amp;Expand Package</source>
        <translation>Paket &amp;aufklappen</translation>
    </message>
    <message>
        <source>&amp;Collapse Package %1</source>
        <translation>Paket %1 &amp;zuklappen</translation>
    </message>
    <message>
        <source>Copy &amp;Id</source>
        <translation>&amp;ID kopieren</translation>
    </message>
    <message>
        <source>Copy &amp;Path</source>
        <translation>&amp;Pfad kopieren</translation>
    </message>
    <message>
        <source>&amp;Open in Editor</source>
        <translation>Im &amp;Editor öffnen</translation>
    </message>
    <message>
        <source>&amp;Focus on This Module</source>
        <translation>Auf dieses Modul &amp;fokussieren</translation>
    </message>
    <message>
        <source>&amp;Why Is This Here?</source>
        <translation>&amp;Warum ist das hier?</translation>
    </message>
    <message>
        <source>&amp;Expand Folder</source>
        <translation>Ordner &amp;aufklappen</translation>
    </message>
    <message>
        <source>&amp;Collapse Folder %1</source>
        <translation>Ordner %1 &amp;zuklappen</translation>
    </message>
</context>
<context>
    <name>sy::ModuleGraphControlBar</name>
    <message>
        <source>Which module graph to show</source>
        <translation>Welcher Modulgraph angezeigt wird</translation>
    </message>
    <message>
        <source>All environments (lanes)</source>
        <translation>Alle Umgebungen (Spuren)</translation>
    </message>
    <message>
        <source>Hide deps</source>
        <translation>Abh. ausblenden</translation>
    </message>
    <message>
        <source>Hide modules under node_modules and optimized (pre-bundled) dependencies</source>
        <translation>Module unter node_modules und optimierte (vorgebündelte) Abhängigkeiten ausblenden</translation>
    </message>
    <message>
        <source>Only optimized deps</source>
        <translation>Nur optimierte Abh.</translation>
    </message>
    <message>
        <source>Show only optimized (pre-bundled) dependencies</source>
        <translation>Nur optimierte (vorgebündelte) Abhängigkeiten zeigen</translation>
    </message>
    <message>
        <source>Only directives</source>
        <translation>Nur Direktiven</translation>
    </message>
    <message>
        <source>Show only modules with a &quot;use client&quot; or &quot;use server&quot; directive</source>
        <translation>Nur Module mit einer Direktive &quot;use client&quot; oder &quot;use server&quot; zeigen</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Einpassen</translation>
    </message>
    <message>
        <source>Zoom to show the whole graph</source>
        <translation>Zoomen, bis der ganze Graph sichtbar ist</translation>
    </message>
    <message>
        <source>Depth</source>
        <translation>Tiefe</translation>
    </message>
    <message>
        <source>Levels of importers and imports shown around the focused module</source>
        <translation>Ebenen von Importeuren und Importen um das fokussierte Modul</translation>
    </message>
    <message>
        <source>Focus</source>
        <translation>Fokussieren</translation>
    </message>
    <message>
        <source>Show only the selected module with its importers and imports</source>
        <translation>Nur das gewählte Modul mit seinen Importeuren und Importen zeigen</translation>
    </message>
    <message>
        <source>Show all</source>
        <translation>Alle zeigen</translation>
    </message>
    <message>
        <source>End the focus: show every module again</source>
        <translation>Fokus beenden: wieder alle Module zeigen</translation>
    </message>
    <message>
        <source>Why is this here?</source>
        <translation>Warum ist das hier?</translation>
    </message>
    <message>
        <source>Highlight the import chain from an entry of its environment to the selected module</source>
        <translation>Die Importkette von einem Einstiegspunkt seiner Umgebung bis zum gewählten Modul hervorheben</translation>
    </message>
    <message>
        <source>No module shown matches &quot;%1&quot;</source>
        <translation>Kein angezeigtes Modul passt zu &quot;%1&quot;</translation>
    </message>
    <message numerus="yes">
        <source>Focus on %1 in %2: importers and imports %n level(s) deep</source>
        <translation>
            <numerusform>Fokus auf %1 in %2: Importeure und Importe %n Ebene tief</numerusform>
            <numerusform>Fokus auf %1 in %2: Importeure und Importe %n Ebenen tief</numerusform>
        </translation>
    </message>
    <message>
        <source>No import chain from an entry of %1 reaches %2 (only import cycles do)</source>
        <translation>Keine Importkette von einem Einstiegspunkt in %1 erreicht %2 (nur Importzyklen)</translation>
    </message>
    <message>
        <source>%1 is an entry of %2: no module there imports it</source>
        <translation>%1 ist ein Einstiegspunkt in %2: kein Modul dort importiert es</translation>
    </message>
    <message>
        <source>Why %1 is in %2: %3</source>
        <translation>Warum %1 in %2 ist: %3</translation>
    </message>
    <message>
        <source>Selected: %1 in %2</source>
        <translation>Gewählt: %1 in %2</translation>
    </message>
    <message>
        <source>Filters</source>
        <translation>Filter</translation>
    </message>
    <message>
        <source>Which modules of the graph to show</source>
        <translation>Welche Module des Graphen angezeigt werden</translation>
    </message>
    <message>
        <source>Filters (%1)</source>
        <translation>Filter (%1)</translation>
    </message>
</context>
<context>
    <name>sy::ModuleGraphModel</name>
    <message>
        <source>Environment</source>
        <translation>Umgebung</translation>
    </message>
    <message>
        <source>Module</source>
        <translation>Modul</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Imports</source>
        <translation>Importe</translation>
    </message>
    <message>
        <source>Importers</source>
        <translation>Importeure</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>browserHash</source>
        <translation>browserHash</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>SSR bridge</source>
        <translation>SSR-Brücke</translation>
    </message>
    <message>
        <source>client lookup</source>
        <translation>Client-Lookup</translation>
    </message>
    <message>
        <source>server lookup</source>
        <translation>Server-Lookup</translation>
    </message>
    <message>
        <source>request state (pinned)</source>
        <translation>Anfragezustand (fixiert)</translation>
    </message>
    <message>
        <source>Vite preamble</source>
        <translation>Vite-Präambel</translation>
    </message>
    <message>
        <source>React Refresh</source>
        <translation>React Refresh</translation>
    </message>
    <message>
        <source>Vite client</source>
        <translation>Vite-Client</translation>
    </message>
    <message>
        <source>client reference stubs</source>
        <translation>Client-Referenz-Stubs</translation>
    </message>
    <message>
        <source>SSR module</source>
        <translation>SSR-Modul</translation>
    </message>
    <message>
        <source>client module</source>
        <translation>Client-Modul</translation>
    </message>
    <message>
        <source>server reference registration</source>
        <translation>Registrierung der Server-Referenzen</translation>
    </message>
    <message>
        <source>server reference stubs</source>
        <translation>Server-Referenz-Stubs</translation>
    </message>
</context>
<context>
    <name>sy::ModuleGraphScene</name>
    <message>
        <source>other</source>
        <translation>andere</translation>
    </message>
</context>
<context>
    <name>sy::ModuleGroupModel</name>
    <message numerus="yes">
        <source>%n module(s)</source>
        <translation>
            <numerusform>%n Modul</numerusform>
            <numerusform>%n Module</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sy::ModuleInspectorWidget</name>
    <message>
        <source>%1 (stale)</source>
        <translation>%1 (veraltet)</translation>
    </message>
    <message>
        <source>Resolved id: %1</source>
        <translation>Aufgelöste ID: %1</translation>
    </message>
    <message>
        <source>Module type: %1</source>
        <translation>Modultyp: %1</translation>
    </message>
    <message>
        <source>SSR twin: %1</source>
        <translation>SSR-Gegenstück: %1</translation>
    </message>
    <message>
        <source>State: %1%2</source>
        <translation>Zustand: %1%2</translation>
    </message>
    <message>
        <source>, stale</source>
        <translation>, veraltet</translation>
    </message>
    <message>
        <source>Directives: %1</source>
        <translation>Direktiven: %1</translation>
    </message>
    <message>
        <source>Resolve conditions: %1</source>
        <translation>Auflösungsbedingungen: %1</translation>
    </message>
    <message>
        <source>Transform: %1 ms, etag %2</source>
        <translation>Transformation: %1 ms, ETag %2</translation>
    </message>
    <message>
        <source>Importers: %1</source>
        <translation>Importeure: %1</translation>
    </message>
    <message>
        <source>Worker runner: not evaluated</source>
        <translation>Worker-Runner: nicht ausgewertet</translation>
    </message>
    <message>
        <source>Worker runner: evaluated the current transform</source>
        <translation>Worker-Runner: hat die aktuelle Transformation ausgewertet</translation>
    </message>
    <message>
        <source>Worker runner: evaluated an OLDER transform (%1)</source>
        <translation>Worker-Runner: hat eine ÄLTERE Transformation ausgewertet (%1)</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>Fehler: %1</translation>
    </message>
    <message>
        <source>Specifier</source>
        <translation>Bezeichner</translation>
    </message>
    <message>
        <source>Resolved id</source>
        <translation>Aufgelöste ID</translation>
    </message>
    <message>
        <source>Code imports</source>
        <translation>Im Code importiert</translation>
    </message>
    <message>
        <source>browserHash referenced</source>
        <translation>Referenzierter browserHash</translation>
    </message>
    <message>
        <source>current</source>
        <translation>aktuell</translation>
    </message>
    <message>
        <source>Directive transform: none</source>
        <translation>Direktiven-Transformation: keine</translation>
    </message>
    <message>
        <source>Directive transform: %1</source>
        <translation>Direktiven-Transformation: %1</translation>
    </message>
    <message>
        <source>Directive transform: %1 (forced by %2)</source>
        <translation>Direktiven-Transformation: %1 (erzwungen durch %2)</translation>
    </message>
    <message>
        <source>Framework module: %1 (%2)</source>
        <translation>Framework-Modul: %1 (%2)</translation>
    </message>
    <message>
        <source>No module selected: select one in the graph, the module list, the search, an event or the timeline to see it here as each environment sees it.</source>
        <translation>Kein Modul ausgewählt: eines im Graphen, in der Modulliste, in der Suche, bei einem Ereignis oder in der Zeitleiste auswählen, um es hier so zu sehen, wie jede Umgebung es sieht.</translation>
    </message>
    <message>
        <source>The selection holds several modules: the one inspected</source>
        <translation>Die Auswahl enthält mehrere Module: das untersuchte</translation>
    </message>
</context>
<context>
    <name>sy::ModuleListView</name>
    <message>
        <source>Search modules (Ctrl+F; worker:name)</source>
        <translation>Module suchen (Strg+F; worker:Name)</translation>
    </message>
    <message>
        <source>By path or name, fuzzy when nothing contains the text; start with client:, ssr: or worker: to list one environment.</source>
        <translation>Nach Pfad oder Name, unscharf, wenn nichts den Text enthält; mit client:, ssr: oder worker: beginnen, um nur eine Umgebung aufzulisten.</translation>
    </message>
</context>
<context>
    <name>sy::ModuleNodeItem</name>
    <message>
        <source>STALE</source>
        <translation>VERALTET</translation>
    </message>
    <message>
        <source>invalidated</source>
        <translation>invalidiert</translation>
    </message>
    <message>
        <source>dep %1</source>
        <translation>Abh. %1</translation>
    </message>
    <message>
        <source>virtual</source>
        <translation>virtuell</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Directive transform: %1</source>
        <translation>Direktiven-Transformation: %1</translation>
    </message>
    <message numerus="yes">
        <source>Package %1: %n module(s); click to expand</source>
        <translation>
            <numerusform>Paket %1: %n Modul; zum Aufklappen klicken</numerusform>
            <numerusform>Paket %1: %n Module; zum Aufklappen klicken</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n module(s)</source>
        <translation>
            <numerusform>%n Modul</numerusform>
            <numerusform>%n Module</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Folder %1: %n module(s); click to expand</source>
        <translation>
            <numerusform>Ordner %1: %n Modul; zum Aufklappen klicken</numerusform>
            <numerusform>Ordner %1: %n Module; zum Aufklappen klicken</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sy::ModuleSearchBox</name>
    <message>
        <source>Find module (Enter, F3; worker:name)</source>
        <translation>Modul suchen (Enter, F3; worker:Name)</translation>
    </message>
    <message>
        <source>Fuzzy search by path or name; start with client:, ssr: or worker: to search one environment. Enter or F3: next match, Shift+Enter or Shift+F3: previous.</source>
        <translation>Unscharfe Suche nach Pfad oder Name; mit client:, ssr: oder worker: beginnen, um nur eine Umgebung zu durchsuchen. Enter oder F3: nächster Treffer, Umschalt+Enter oder Umschalt+F3: vorheriger.</translation>
    </message>
    <message>
        <source>The matches: pick one to go to it</source>
        <translation>Die Treffer: einen wählen, um dorthin zu gehen</translation>
    </message>
    <message>
        <source>Previous match (Shift+F3)</source>
        <translation>Vorheriger Treffer (Umschalt+F3)</translation>
    </message>
    <message>
        <source>Next match (F3)</source>
        <translation>Nächster Treffer (F3)</translation>
    </message>
    <message>
        <source>no match</source>
        <translation>kein Treffer</translation>
    </message>
    <message>
        <source>1 match</source>
        <translation>1 Treffer</translation>
    </message>
    <message>
        <source>%1 matches</source>
        <translation>%1 Treffer</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>… %1 more: type more of the name</source>
        <translation>… %1 weitere: mehr vom Namen eingeben</translation>
    </message>
</context>
<context>
    <name>sy::PreviewDock</name>
    <message>
        <source>Preview</source>
        <translation>Vorschau</translation>
    </message>
</context>
<context>
    <name>sy::PreviewPane</name>
    <message>
        <source>Restart Preview</source>
        <translation>Vorschau neu starten</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>Neu laden</translation>
    </message>
    <message>
        <source>Open in Browser</source>
        <translation>Im Browser öffnen</translation>
    </message>
    <message>
        <source>Restart</source>
        <translation>Neu starten</translation>
    </message>
    <message>
        <source>Restart the preview process</source>
        <translation>Den Vorschauprozess neu starten</translation>
    </message>
    <message>
        <source>The page&apos;s console messages</source>
        <translation>Die Konsolenmeldungen der Seite</translation>
    </message>
    <message>
        <source>Loaded.</source>
        <translation>Geladen.</translation>
    </message>
    <message>
        <source>The page did not load (%1).</source>
        <translation>Die Seite wurde nicht geladen (%1).</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>The page&apos;s renderer process ended (%1, exit code %2); Reload brings it back.</source>
        <translation>Der Renderer-Prozess der Seite ist beendet (%1, Exit-Code %2); „Neu laden“ bringt ihn zurück.</translation>
    </message>
    <message>
        <source>The page&apos;s renderer process ended (%1).</source>
        <translation>Der Renderer-Prozess der Seite ist beendet (%1).</translation>
    </message>
    <message>
        <source>switchyard-preview: %1</source>
        <translation>switchyard-preview: %1</translation>
    </message>
    <message numerus="yes">
        <source>Console (%n error(s))</source>
        <translation>
            <numerusform>Konsole (%n Fehler)</numerusform>
            <numerusform>Konsole (%n Fehler)</numerusform>
        </translation>
    </message>
    <message>
        <source>Console</source>
        <translation>Konsole</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>The preview starts once the dev server is running.</source>
        <translation>Die Vorschau startet, sobald der Dev-Server läuft.</translation>
    </message>
    <message>
        <source>The preview is not running.</source>
        <translation>Die Vorschau läuft nicht.</translation>
    </message>
    <message>
        <source>The preview is stopped.</source>
        <translation>Die Vorschau ist angehalten.</translation>
    </message>
    <message>
        <source>Starting the preview…</source>
        <translation>Die Vorschau wird gestartet…</translation>
    </message>
    <message>
        <source>The preview crashed and is being restarted.
%1</source>
        <translation>Die Vorschau ist abgestürzt und wird neu gestartet.
%1</translation>
    </message>
    <message>
        <source>The preview runs in its own window (the &quot;%1&quot; platform cannot embed it).
%2
%3</source>
        <translation>Die Vorschau läuft in einem eigenen Fenster (die Plattform „%1“ kann es nicht einbetten).
%2
%3</translation>
    </message>
    <message>
        <source>Stopping the preview…</source>
        <translation>Die Vorschau wird beendet…</translation>
    </message>
    <message>
        <source>The preview crashed.
%1</source>
        <translation>Die Vorschau ist abgestürzt.
%1</translation>
    </message>
</context>
<context>
    <name>sy::PreviewProcess</name>
    <message>
        <source>Cannot start %1: %2</source>
        <translation>%1 kann nicht gestartet werden: %2</translation>
    </message>
    <message>
        <source>Unexpected output from the preview (%1): %2</source>
        <translation>Unerwartete Ausgabe der Vorschau (%1): %2</translation>
    </message>
    <message>
        <source>The preview process ended.</source>
        <translation>Der Vorschauprozess ist beendet.</translation>
    </message>
    <message>
        <source>The preview process was killed by signal %1.</source>
        <translation>Der Vorschauprozess wurde durch Signal %1 beendet.</translation>
    </message>
    <message>
        <source>The preview process exited with code %1.</source>
        <translation>Der Vorschauprozess wurde mit Code %1 beendet.</translation>
    </message>
</context>
<context>
    <name>sy::PreviewWindow</name>
    <message>
        <source>Switchyard preview</source>
        <translation>Switchyard-Vorschau</translation>
    </message>
    <message>
        <source>%1 — Switchyard preview</source>
        <translation>%1 — Switchyard-Vorschau</translation>
    </message>
</context>
<context>
    <name>sy::ReplayStatePanel</name>
    <message>
        <source>Environment</source>
        <translation>Umgebung</translation>
    </message>
    <message>
        <source>Browser hash</source>
        <translation>Browser-Hash</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Seit</translation>
    </message>
    <message>
        <source>Pre-bundles in force</source>
        <translation>Gültige Vorbündelungen</translation>
    </message>
    <message>
        <source>At %1
Generation %2, events so far: %3</source>
        <translation>Um %1
Generation %2, bisherige Ereignisse: %3</translation>
    </message>
    <message>
        <source>(no time)</source>
        <translation>(keine Zeit)</translation>
    </message>
    <message>
        <source>not optimized yet</source>
        <translation>noch nicht optimiert</translation>
    </message>
    <message>
        <source>Invalidated, not re-transformed yet: %1</source>
        <translation>Invalidiert, noch nicht neu transformiert: %1</translation>
    </message>
</context>
<context>
    <name>sy::SettingsDialog</name>
    <message>
        <source>System default</source>
        <translation>Systemstandard</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Sprache:</translation>
    </message>
    <message>
        <source>A new language applies the next time Switchyard starts.</source>
        <translation>Eine neue Sprache gilt ab dem nächsten Start von Switchyard.</translation>
    </message>
</context>
<context>
    <name>sy::ShellStatusBar</name>
    <message>
        <source>No app open</source>
        <translation>Keine App geöffnet</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>%1 wird geladen…</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Open the app in the browser</source>
        <translation>Die App im Browser öffnen</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>environment name, browserHash</comment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>browserHash of each environment&apos;s pre-bundled dependencies</source>
        <translation>browserHash der vorgebündelten Abhängigkeiten jeder Umgebung</translation>
    </message>
    <message>
        <source>generation %1</source>
        <translation>Generation %1</translation>
    </message>
    <message>
        <source>%1 req/s</source>
        <translation>%1 Anfr./s</translation>
    </message>
    <message numerus="yes">
        <source>⚠ %n config warning(s)</source>
        <translation>
            <numerusform>⚠ %n Konfigurationswarnung</numerusform>
            <numerusform>⚠ %n Konfigurationswarnungen</numerusform>
        </translation>
    </message>
    <message>
        <source>Not applied from the app&apos;s config</source>
        <translation>Aus der Konfiguration der App nicht angewendet</translation>
    </message>
    <message>
        <source>Switchyard reads the app&apos;s framework version and vite.config and applies what it implements natively. These parts are not applied:</source>
        <translation>Switchyard liest die Framework-Version und die vite.config der App und wendet an, was es selbst umsetzt. Diese Teile werden nicht angewendet:</translation>
    </message>
</context>
<context>
    <name>sy::StorageInspector</name>
    <message numerus="yes">
        <source>D1 database, %n table(s)</source>
        <translation>
            <numerusform>D1-Datenbank, %n Tabelle</numerusform>
            <numerusform>D1-Datenbank, %n Tabellen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>KV namespace, %n key(s)</source>
        <translation>
            <numerusform>KV-Namespace, %n Schlüssel</numerusform>
            <numerusform>KV-Namespace, %n Schlüssel</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n Zeile</numerusform>
            <numerusform>%n Zeilen</numerusform>
        </translation>
    </message>
    <message>
        <source>Binding</source>
        <translation>Binding</translation>
    </message>
    <message>
        <source>Contents</source>
        <translation>Inhalt</translation>
    </message>
    <message>
        <source>binary, %1 bytes: %2</source>
        <translation>binär, %1 Bytes: %2</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Expiration</source>
        <translation>Ablauf</translation>
    </message>
    <message>
        <source>Metadata</source>
        <translation>Metadaten</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Tabelle</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>Zeilen</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>Spalten</translation>
    </message>
    <message>
        <source>BLOB, %1 bytes: %2</source>
        <translation>BLOB, %1 Bytes: %2</translation>
    </message>
</context>
<context>
    <name>sy::StorageInspectorWidget</name>
    <message>
        <source>Filter by key prefix</source>
        <translation>Nach Schlüsselpräfix filtern</translation>
    </message>
    <message>
        <source>Select a key to see its value and metadata</source>
        <translation>Einen Schlüssel wählen, um Wert und Metadaten zu sehen</translation>
    </message>
    <message>
        <source>SELECT … (read-only: statements that write are refused)</source>
        <translation>SELECT … (nur lesend: schreibende Anweisungen werden abgelehnt)</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Ausführen</translation>
    </message>
    <message>
        <source>Run the query (Ctrl+Return)</source>
        <translation>Abfrage ausführen (Strg+Eingabe)</translation>
    </message>
    <message>
        <source>This worker declares no storage bindings (add kv_namespaces or d1_databases to wrangler.jsonc).</source>
        <translation>Dieser Worker deklariert keine Speicher-Bindings (kv_namespaces oder d1_databases in wrangler.jsonc eintragen).</translation>
    </message>
    <message>
        <source>No storage to show yet: run the app or a test file.</source>
        <translation>Noch kein Speicher zum Anzeigen: die App oder eine Testdatei ausführen.</translation>
    </message>
    <message>
        <source>KV namespace %1 — %2</source>
        <translation>KV-Namespace %1 — %2</translation>
    </message>
    <message>
        <source>D1 database %1, table %2 — %3</source>
        <translation>D1-Datenbank %1, Tabelle %2 — %3</translation>
    </message>
    <message>
        <source>D1 database %1 — %2</source>
        <translation>D1-Datenbank %1 — %2</translation>
    </message>
    <message>
        <source>Metadata:</source>
        <translation>Metadaten:</translation>
    </message>
    <message numerus="yes">
        <source>first %n row(s) (more not shown)</source>
        <translation>
            <numerusform>erste %n Zeile (weitere nicht angezeigt)</numerusform>
            <numerusform>erste %n Zeilen (weitere nicht angezeigt)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n Zeile</numerusform>
            <numerusform>%n Zeilen</numerusform>
        </translation>
    </message>
    <message>
        <source> in %1 ms</source>
        <translation> in %1 ms</translation>
    </message>
</context>
<context>
    <name>sy::TestDetailsView</name>
    <message>
        <source>Expected:</source>
        <translation>Erwartet:</translation>
    </message>
    <message>
        <source>Received:</source>
        <translation>Erhalten:</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Ausführen</translation>
    </message>
    <message>
        <source>Run this file, suite or test</source>
        <translation>Diese Datei, Suite oder diesen Test ausführen</translation>
    </message>
    <message>
        <source>Show storage</source>
        <translation>Speicher anzeigen</translation>
    </message>
    <message>
        <source>Open the KV and D1 storage the file&apos;s isolate left after its run</source>
        <translation>Den KV- und D1-Speicher öffnen, den das Isolate der Datei nach dem Lauf hinterlassen hat</translation>
    </message>
    <message>
        <source>Show module graph</source>
        <translation>Modulgraph anzeigen</translation>
    </message>
    <message>
        <source>Show the test file and what it imports in the module graph</source>
        <translation>Die Testdatei und ihre Importe im Modulgraphen zeigen</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Console output</source>
        <translation>Konsolenausgabe</translation>
    </message>
    <message>
        <source>Select a test file, suite or test.</source>
        <translation>Eine Testdatei, Suite oder einen Test auswählen.</translation>
    </message>
    <message>
        <source>isolate start %1 · module load %2 · test time %3</source>
        <translation>Isolate-Start %1 · Laden der Module %2 · Testzeit %3</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>Läuft…</translation>
    </message>
    <message>
        <source>Not run yet</source>
        <translation>Noch nicht ausgeführt</translation>
    </message>
    <message>
        <source>File: %1 · wall %2</source>
        <translation>Datei: %1 · gesamt %2</translation>
    </message>
    <message>
        <source>%1 %2 — its file: %3</source>
        <translation>%1 %2 — seine Datei: %3</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Test</translation>
    </message>
    <message>
        <source>Suite</source>
        <translation>Suite</translation>
    </message>
    <message>
        <source>Errors (%1)</source>
        <translation>Fehler (%1)</translation>
    </message>
    <message numerus="yes">
        <source>Console output (%n line(s))</source>
        <translation>
            <numerusform>Konsolenausgabe (%n Zeile)</numerusform>
            <numerusform>Konsolenausgabe (%n Zeilen)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sy::TestRunModel</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>eingereiht</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>ausstehend</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>bestanden</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>übersprungen</translation>
    </message>
    <message>
        <source>todo</source>
        <translation>offen</translation>
    </message>
    <message>
        <source>Isolate start %1, module load %2, tests %3 (wall %4)</source>
        <translation>Isolate-Start %1, Laden der Module %2, Tests %3 (gesamt %4)</translation>
    </message>
</context>
<context>
    <name>sy::TestSession</name>
    <message>
        <source>Pre-bundling the test files&apos; dependencies failed (%1): %2</source>
        <translation>Das Vorbündeln der Abhängigkeiten der Testdateien ist fehlgeschlagen (%1): %2</translation>
    </message>
    <message>
        <source>No test files found</source>
        <translation>Keine Testdateien gefunden</translation>
    </message>
    <message numerus="yes">
        <source>Pre-bundling the dependencies of %n test file(s)…</source>
        <translation>
            <numerusform>Abhängigkeiten von %n Testdatei werden vorgebündelt…</numerusform>
            <numerusform>Abhängigkeiten von %n Testdateien werden vorgebündelt…</numerusform>
        </translation>
    </message>
    <message>
        <source>Loading the test files&apos; module graph…</source>
        <translation>Modulgraph der Testdateien wird geladen…</translation>
    </message>
    <message numerus="yes">
        <source>Skipped %n test file(s) that run in Node, not in the worker (they import a browser or dev-server driver)</source>
        <translation>
            <numerusform>%n Testdatei übersprungen, die in Node läuft, nicht im Worker (sie importiert einen Browser- oder Dev-Server-Treiber)</numerusform>
            <numerusform>%n Testdateien übersprungen, die in Node laufen, nicht im Worker (sie importieren einen Browser- oder Dev-Server-Treiber)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sy::TestViews</name>
    <message>
        <source>Test module graph</source>
        <translation>Test-Modulgraph</translation>
    </message>
    <message>
        <source>Test storage</source>
        <translation>Test-Speicher</translation>
    </message>
    <message>
        <source>Test storage: %1</source>
        <translation>Test-Speicher: %1</translation>
    </message>
    <message>
        <source>Tests</source>
        <translation>Tests</translation>
    </message>
</context>
<context>
    <name>sy::TestsPanel</name>
    <message>
        <source>Run all</source>
        <translation>Alle ausführen</translation>
    </message>
    <message>
        <source>Find the app&apos;s test files again and run them all</source>
        <translation>Die Testdateien der App neu suchen und alle ausführen</translation>
    </message>
    <message>
        <source>Run failed</source>
        <translation>Fehlgeschlagene ausführen</translation>
    </message>
    <message>
        <source>Run the failed tests again (whole files that failed to load)</source>
        <translation>Die fehlgeschlagenen Tests erneut ausführen (Dateien, die nicht geladen werden konnten, ganz)</translation>
    </message>
    <message>
        <source>Run selected</source>
        <translation>Auswahl ausführen</translation>
    </message>
    <message>
        <source>Run the selected files, suites and tests (double-click runs one)</source>
        <translation>Die ausgewählten Dateien, Suites und Tests ausführen (Doppelklick führt einen aus)</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stopp</translation>
    </message>
    <message>
        <source>Stop the run: running isolates are terminated</source>
        <translation>Den Lauf anhalten: laufende Isolates werden beendet</translation>
    </message>
    <message>
        <source>Running… %1 passed, %2 failed</source>
        <translation>Läuft… %1 bestanden, %2 fehlgeschlagen</translation>
    </message>
    <message numerus="yes">
        <source>%1 passed, %2 failed, %3 skipped · %n file(s) in %4</source>
        <translation>
            <numerusform>%1 bestanden, %2 fehlgeschlagen, %3 übersprungen · %n Datei in %4</numerusform>
            <numerusform>%1 bestanden, %2 fehlgeschlagen, %3 übersprungen · %n Dateien in %4</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n test file(s)</source>
        <translation>
            <numerusform>%n Testdatei</numerusform>
            <numerusform>%n Testdateien</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sy::Timeline</name>
    <message>
        <source>optimizer runs</source>
        <translation>Optimierer-Läufe</translation>
    </message>
    <message>
        <source>invalidations</source>
        <translation>Invalidierungen</translation>
    </message>
    <message>
        <source>HMR</source>
        <translation>HMR</translation>
    </message>
    <message>
        <source>requests</source>
        <translation>Anfragen</translation>
    </message>
    <message>
        <source>generations</source>
        <translation>Generationen</translation>
    </message>
    <message>
        <source>errors</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>generation %1 -&gt; %2</source>
        <translation>Generation %1 -&gt; %2</translation>
    </message>
    <message>
        <source>additive</source>
        <translation>additiv</translation>
    </message>
    <message>
        <source>(browserHash %1)</source>
        <translation>(browserHash %1)</translation>
    </message>
</context>
<context>
    <name>sy::TimelineCanvas</name>
    <message numerus="yes">
        <source>+%n more</source>
        <translation>
            <numerusform>+%n weiteres</numerusform>
            <numerusform>+%n weitere</numerusform>
        </translation>
    </message>
    <message>
        <source>Modules: %1</source>
        <translation>Module: %1</translation>
    </message>
</context>
<context>
    <name>sy::TimelineDetails</name>
    <message>
        <source>Click an item on the timeline to see its details.</source>
        <translation>Klicken Sie auf einen Eintrag in der Zeitleiste, um seine Details zu sehen.</translation>
    </message>
    <message>
        <source>generation %1</source>
        <translation>Generation %1</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>(held %1 ms)</source>
        <translation>(%1 ms zurückgehalten)</translation>
    </message>
    <message>
        <source>Modules: %1</source>
        <translation>Module: %1</translation>
    </message>
</context>
<context>
    <name>sy::TimelineModel</name>
    <message>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
</context>
<context>
    <name>sy::TimelineView</name>
    <message>
        <source>Follow now</source>
        <translation>Live folgen</translation>
    </message>
    <message>
        <source>Show or hide this lane</source>
        <translation>Diese Spur ein- oder ausblenden</translation>
    </message>
    <message>
        <source>Filter by kind, label or module</source>
        <translation>Nach Art, Beschriftung oder Modul filtern</translation>
    </message>
    <message>
        <source>Zoom in (+)</source>
        <translation>Vergrößern (+)</translation>
    </message>
    <message>
        <source>Zoom out (-)</source>
        <translation>Verkleinern (-)</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Einpassen</translation>
    </message>
    <message>
        <source>Show everything (F)</source>
        <translation>Alles anzeigen (F)</translation>
    </message>
    <message>
        <source>Keep the newest events in view (End)</source>
        <translation>Die neuesten Ereignisse im Blick behalten (Ende)</translation>
    </message>
</context>
</TS>
