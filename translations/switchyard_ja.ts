<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja">
<context>
    <name>sy::JournalModel</name>
    <message>
        <source>Time</source>
        <translation>時刻</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>環境</translation>
    </message>
    <message>
        <source>Generation</source>
        <translation>世代</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>概要</translation>
    </message>
</context>
<context>
    <name>sy::MainWindow</name>
    <message>
        <source>Events</source>
        <translation>イベント</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open App Folder…</source>
        <translation>アプリフォルダーを開く(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近使ったアプリ(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>設定(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Find Module</source>
        <translation>モジュールを検索(&amp;F)</translation>
    </message>
    <message>
        <source>Open in &amp;Browser</source>
        <translation>ブラウザーで開く(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Switchyard</source>
        <translation>Switchyard について(&amp;A)</translation>
    </message>
    <message>
        <source>About Switchyard</source>
        <translation>Switchyard について</translation>
    </message>
    <message>
        <source>&lt;b&gt;Switchyard&lt;/b&gt; %1&lt;br&gt;A dev engine and dashboard for React Server Components apps: module graphs across the client, ssr and worker environments, the dependency optimizer and the live loop.</source>
        <translation>&lt;b&gt;Switchyard&lt;/b&gt; %1&lt;br&gt;React Server Components アプリのための開発エンジンとダッシュボード：client・ssr・worker の各環境にまたがるモジュールグラフ、依存関係オプティマイザー、ライブループ。</translation>
    </message>
    <message>
        <source>&amp;Clear List</source>
        <translation>一覧を消去(&amp;C)</translation>
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
        <translation>アプリフォルダーを開く（wrangler.jsonc を含む）</translation>
    </message>
    <message>
        <source>Not an App Folder</source>
        <translation>アプリフォルダーではありません</translation>
    </message>
    <message>
        <source>%1 has no wrangler.jsonc.</source>
        <translation>%1 に wrangler.jsonc がありません。</translation>
    </message>
    <message>
        <source>Modules</source>
        <translation>モジュール</translation>
    </message>
</context>
<context>
    <name>sy::ModuleGraphModel</name>
    <message>
        <source>Environment</source>
        <translation>環境</translation>
    </message>
    <message>
        <source>Module</source>
        <translation>モジュール</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>種別</translation>
    </message>
    <message>
        <source>Imports</source>
        <translation>インポート</translation>
    </message>
    <message>
        <source>Importers</source>
        <translation>インポート元</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状態</translation>
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
        <translation>パスでモジュールを検索 (Ctrl+F)</translation>
    </message>
</context>
<context>
    <name>sy::SettingsDialog</name>
    <message>
        <source>System default</source>
        <translation>システムの既定</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>言語(&amp;L):</translation>
    </message>
    <message>
        <source>A new language applies the next time Switchyard starts.</source>
        <translation>新しい言語は Switchyard の次回起動時に適用されます。</translation>
    </message>
</context>
<context>
    <name>sy::ShellStatusBar</name>
    <message>
        <source>No app open</source>
        <translation>アプリが開かれていません</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>%1 を読み込み中…</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>失敗しました: %1</translation>
    </message>
    <message>
        <source>Open the app in the browser</source>
        <translation>アプリをブラウザーで開く</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>environment name, browserHash</comment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>browserHash of each environment&apos;s pre-bundled dependencies</source>
        <translation>各環境の事前バンドル済み依存関係の browserHash</translation>
    </message>
    <message>
        <source>generation %1</source>
        <translation>世代 %1</translation>
    </message>
    <message>
        <source>%1 req/s</source>
        <translation>%1 件/秒</translation>
    </message>
</context>
</TS>
