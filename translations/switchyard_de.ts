<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
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
</context>
<context>
    <name>sy::ModuleListView</name>
    <message>
        <source>Search modules by path (Ctrl+F)</source>
        <translation>Module nach Pfad suchen (Strg+F)</translation>
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
</context>
</TS>
