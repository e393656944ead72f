<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja">
<context>
    <name>sy::AppPreview</name>
    <message>
        <source>Reload</source>
        <translation>再読み込み</translation>
    </message>
    <message>
        <source>Open in browser</source>
        <translation>ブラウザーで開く</translation>
    </message>
    <message>
        <source>The dev server&apos;s address</source>
        <translation>開発サーバーのアドレス</translation>
    </message>
</context>
<context>
    <name>sy::DashboardLayout</name>
    <message>
        <source>&amp;Graph Only</source>
        <translation>グラフのみ(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Reset Layout</source>
        <translation>レイアウトをリセット(&amp;R)</translation>
    </message>
</context>
<context>
    <name>sy::DashboardViews</name>
    <message>
        <source>Timeline</source>
        <translation>タイムライン</translation>
    </message>
    <message>
        <source>Module inspector</source>
        <translation>モジュールインスペクター</translation>
    </message>
    <message>
        <source>App storage</source>
        <translation>アプリのストレージ</translation>
    </message>
    <message>
        <source>The app&apos;s KV namespaces and D1 databases (.switchyard/storage)</source>
        <translation>アプリの KV 名前空間と D1 データベース (.switchyard/storage)</translation>
    </message>
    <message>
        <source>The engine runs but has no modules yet: the client, ssr and worker graphs appear here as it crawls the app&apos;s entries.</source>
        <translation>エンジンは動いていますが、まだモジュールがありません。アプリのエントリーをたどるにつれて client、ssr、worker のグラフがここに表示されます。</translation>
    </message>
    <message>
        <source>No module shown: the environment, the Filters menu or the focus hide them all.</source>
        <translation>表示中のモジュールはありません。環境、フィルターメニュー、フォーカスがすべてを隠しています。</translation>
    </message>
    <message>
        <source>No modules yet.</source>
        <translation>まだモジュールはありません。</translation>
    </message>
    <message>
        <source>No module matches &quot;%1&quot;.</source>
        <translation>「%1」に一致するモジュールはありません。</translation>
    </message>
    <message>
        <source>No engine events yet: optimizer runs, invalidations, HMR updates and requests appear here as they happen. Open the app in a browser (View &gt; Open in Browser) or edit one of its files.</source>
        <translation>まだエンジンのイベントはありません。オプティマイザーの実行、無効化、HMR 更新、リクエストは起きた時点でここに表示されます。ブラウザーでアプリを開くか (表示 &gt; ブラウザーで開く)、ファイルを編集してください。</translation>
    </message>
    <message>
        <source>Looking for test files…</source>
        <translation>テストファイルを探しています…</translation>
    </message>
    <message>
        <source>No test files found: the app&apos;s Vitest files (*.test.ts, *.spec.tsx, … as its vitest config includes them) appear here. Add one, then Run all.</source>
        <translation>テストファイルが見つかりません。アプリの Vitest ファイル (*.test.ts、*.spec.tsx など、vitest の設定が含めるもの) がここに表示されます。追加してから「すべて実行」を押してください。</translation>
    </message>
</context>
<context>
    <name>sy::EmptyStateOverlay</name>
    <message>
        <source>No app is open yet. File &gt; Open App Folder… (Ctrl+O) opens a folder with a wrangler.jsonc; the engine starts it here.</source>
        <translation>まだアプリが開かれていません。ファイル &gt; アプリフォルダーを開く… (Ctrl+O) で wrangler.jsonc のあるフォルダーを開くと、エンジンがここで起動します。</translation>
    </message>
    <message>
        <source>Starting the engine for %1…</source>
        <translation>%1 のエンジンを起動しています…</translation>
    </message>
    <message>
        <source>The app could not start:
%1
Fix it and open the folder again (File &gt; Open Recent).</source>
        <translation>アプリを起動できませんでした:
%1
修正してからフォルダーをもう一度開いてください (ファイル &gt; 最近使ったアプリ)。</translation>
    </message>
</context>
<context>
    <name>sy::EngineWords</name>
    <message>
        <source>running</source>
        <translation>実行中</translation>
    </message>
    <message>
        <source>committed</source>
        <translation>確定</translation>
    </message>
    <message>
        <source>reused-cache</source>
        <translation>キャッシュ再利用</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>initial scan</source>
        <translation>初回スキャン</translation>
    </message>
    <message>
        <source>lockfile changed</source>
        <translation>ロックファイル変更</translation>
    </message>
    <message>
        <source>none</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>optimizer-run</source>
        <translation>オプティマイザー実行</translation>
    </message>
    <message>
        <source>invalidation</source>
        <translation>無効化</translation>
    </message>
    <message>
        <source>hmr</source>
        <translation>HMR</translation>
    </message>
    <message>
        <source>request</source>
        <translation>リクエスト</translation>
    </message>
    <message>
        <source>generation</source>
        <translation>世代</translation>
    </message>
    <message>
        <source>error</source>
        <translation>エラー</translation>
    </message>
    <message>
        <source>runner-cache-clear</source>
        <translation>ランナーキャッシュ消去</translation>
    </message>
    <message>
        <source>stale-reference</source>
        <translation>古い参照</translation>
    </message>
    <message>
        <source>security</source>
        <translation>セキュリティ</translation>
    </message>
    <message>
        <source>storage</source>
        <translation>ストレージ</translation>
    </message>
    <message>
        <source>soft</source>
        <translation>ソフト</translation>
    </message>
    <message>
        <source>hard</source>
        <translation>ハード</translation>
    </message>
    <message>
        <source>use-client/use-server lookups</source>
        <translation>use-client/use-server ルックアップ</translation>
    </message>
    <message>
        <source>Node.js compatibility changed: every module resolves again</source>
        <translation>Node.js 互換性が変更されました: すべてのモジュールを再解決します</translation>
    </message>
    <message>
        <source>discovered %1</source>
        <translation>検出: %1</translation>
    </message>
    <message>
        <source>changed %1</source>
        <translation>変更: %1</translation>
    </message>
    <message>
        <source>HMR invalidate %1</source>
        <translation>HMR 無効化 %1</translation>
    </message>
    <message>
        <source>stale ?v= in %1</source>
        <translation>%1 に古い ?v=</translation>
    </message>
    <message>
        <source>runner evaluated an older %1</source>
        <translation>ランナーが古い %1 を評価済み</translation>
    </message>
    <message>
        <source>%1 changed: %2 (%3 modules)</source>
        <translation>%1 変更: %2 (%3 モジュール)</translation>
    </message>
    <message>
        <source>cleared %1 evaluated modules</source>
        <translation>評価済みモジュール %1 個を消去</translation>
    </message>
    <message>
        <source>dropped %1 evaluated modules</source>
        <translation>評価済みモジュール %1 個を破棄</translation>
    </message>
    <message>
        <source>generation %1 -&gt; %2</source>
        <translation>世代 %1 -&gt; %2</translation>
    </message>
    <message>
        <source>%1: worker isolate recreated, %2 request(s) failed, every module dropped (the state module too)</source>
        <translation>%1: ワーカー isolate を再作成、%2 件のリクエストが失敗、すべてのモジュールを破棄 (状態モジュールも)</translation>
    </message>
    <message>
        <source>D1 %1: applied %2 migration(s) from %3</source>
        <translation>D1 %1: %3 から %2 件のマイグレーションを適用</translation>
    </message>
    <message>
        <source>D1 %1: migration failed: %2</source>
        <translation>D1 %1: マイグレーション失敗: %2</translation>
    </message>
    <message>
        <source>pre-bundling &quot;%1&quot; failed in the %2 environment: %3</source>
        <translation>%2 環境で「%1」の事前バンドルに失敗: %3</translation>
    </message>
    <message>
        <source>refused %1 %2 (%3): %4</source>
        <translation>拒否: %1 %2 (%3): %4</translation>
    </message>
    <message>
        <source>(failed: %1)</source>
        <translation>(失敗: %1)</translation>
    </message>
    <message>
        <source>stale</source>
        <translation>古い</translation>
    </message>
</context>
<context>
    <name>sy::InspectorFollower</name>
    <message>
        <source>%1 is not in the dev server&apos;s module graphs: it belongs to a test run&apos;s graph, which the inspector does not show.</source>
        <translation>%1 は開発サーバーのモジュールグラフにありません。テスト実行のグラフに属するため、インスペクターには表示されません。</translation>
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
    <name>sy::JournalWindow</name>
    <message>
        <source>Journal</source>
        <translation>ジャーナル</translation>
    </message>
    <message>
        <source>State at Cursor</source>
        <translation>カーソル位置の状態</translation>
    </message>
    <message>
        <source>%1 — Journal</source>
        <translation>%1 — ジャーナル</translation>
    </message>
    <message>
        <source>Read-only, events: %1</source>
        <translation>読み取り専用、イベント数: %1</translation>
    </message>
    <message>
        <source>Cannot read the journal: %1</source>
        <translation>ジャーナルを読み込めません: %1</translation>
    </message>
    <message>
        <source>Cannot Open Journal</source>
        <translation>ジャーナルを開けません</translation>
    </message>
    <message>
        <source>%1 is not a readable journal: %2</source>
        <translation>%1 は読み込み可能なジャーナルではありません: %2</translation>
    </message>
</context>
<context>
    <name>sy::KeyboardShortcuts</name>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>キーボードショートカット</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>キー</translation>
    </message>
    <message>
        <source>In the graph</source>
        <translation>グラフでの操作</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>キーボードショートカット(&amp;K)</translation>
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
    <message>
        <source>Open &amp;Journal…</source>
        <translation>ジャーナルを開く(&amp;J)…</translation>
    </message>
    <message>
        <source>Open Journal</source>
        <translation>ジャーナルを開く</translation>
    </message>
    <message>
        <source>Journals (*.sqlite *.sqlite3 *.db *.journal);;All Files (*)</source>
        <translation>ジャーナル (*.sqlite *.sqlite3 *.db *.journal);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>%1 (the bundled example, in %2) — Switchyard</source>
        <translation>%1 (同梱のサンプル、%2) — Switchyard</translation>
    </message>
</context>
<context>
    <name>sy::ModuleGraphActions</name>
    <message>
        <source>+ or Ctrl++</source>
        <translation>+ または Ctrl++</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>拡大</translation>
    </message>
    <message>
        <source>- or Ctrl+-</source>
        <translation>- または Ctrl+-</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>縮小</translation>
    </message>
    <message>
        <source>0 or F</source>
        <translation>0 または F</translation>
    </message>
    <message>
        <source>Fit the whole graph</source>
        <translation>グラフ全体を表示</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>↑</translation>
    </message>
    <message>
        <source>Select an importer of the selected module</source>
        <translation>選択中のモジュールをインポートしているモジュールを選択</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>↓</translation>
    </message>
    <message>
        <source>Select a module it imports</source>
        <translation>選択中のモジュールがインポートするモジュールを選択</translation>
    </message>
    <message>
        <source>Left, Right</source>
        <translation>←、→</translation>
    </message>
    <message>
        <source>Select the module beside it</source>
        <translation>隣のモジュールを選択</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <source>Open the inspector on it (expand a package)</source>
        <translation>インスペクターで開く(パッケージは展開)</translation>
    </message>
    <message>
        <source>Escape</source>
        <translation>Esc</translation>
    </message>
    <message>
        <source>Clear the highlighted chain, the focus and the selection</source>
        <translation>強調表示のチェーン、フォーカス、選択を解除</translation>
    </message>
    <message>
        <source>Right click</source>
        <translation>右クリック</translation>
    </message>
    <message>
        <source>Copy id or path, open in editor, focus, why is this here?</source>
        <translation>ID やパスのコピー、エディターで開く、フォーカス、なぜここにあるか</translation>
    </message>
    <message>
        <source>F11</source>
        <translation>F11</translation>
    </message>
    <message>
        <source>Graph only (hide the docks); again to bring them back</source>
        <translation>グラフのみ(ドックを隠す)。もう一度押すと戻る</translation>
    </message>
    <message>
        <source>Ctrl+F</source>
        <translation>Ctrl+F</translation>
    </message>
    <message>
        <source>Find a module</source>
        <translation>モジュールを検索</translation>
    </message>
    <message>
        <source>&amp;Expand Package</source>
        <translation>パッケージを展開(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Collapse Package %1</source>
        <translation>パッケージ %1 を折りたたむ(&amp;C)</translation>
    </message>
    <message>
        <source>Copy &amp;Id</source>
        <translation>ID をコピー(&amp;I)</translation>
    </message>
    <message>
        <source>Copy &amp;Path</source>
        <translation>パスをコピー(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Open in Editor</source>
        <translation>エディターで開く(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Focus on This Module</source>
        <translation>このモジュールにフォーカス(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Why Is This Here?</source>
        <translation>なぜここにあるか(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Expand Folder</source>
        <translation>フォルダーを展開(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Collapse Folder %1</source>
        <translation>フォルダー %1 を折りたたむ(&amp;C)</translation>
    </message>
</context>
<context>
    <name>sy::ModuleGraphControlBar</name>
    <message>
        <source>Which module graph to show</source>
        <translation>表示するモジュールグラフ</translation>
    </message>
    <message>
        <source>All environments (lanes)</source>
        <translation>すべての環境 (レーン)</translation>
    </message>
    <message>
        <source>Hide deps</source>
        <translation>依存を隠す</translation>
    </message>
    <message>
        <source>Hide modules under node_modules and optimized (pre-bundled) dependencies</source>
        <translation>node_modules 以下のモジュールと最適化 (事前バンドル) された依存を隠す</translation>
    </message>
    <message>
        <source>Only optimized deps</source>
        <translation>最適化済み依存のみ</translation>
    </message>
    <message>
        <source>Show only optimized (pre-bundled) dependencies</source>
        <translation>最適化 (事前バンドル) された依存だけを表示</translation>
    </message>
    <message>
        <source>Only directives</source>
        <translation>ディレクティブのみ</translation>
    </message>
    <message>
        <source>Show only modules with a &quot;use client&quot; or &quot;use server&quot; directive</source>
        <translation>&quot;use client&quot; または &quot;use server&quot; ディレクティブを持つモジュールだけを表示</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>全体表示</translation>
    </message>
    <message>
        <source>Zoom to show the whole graph</source>
        <translation>グラフ全体が見えるようにズーム</translation>
    </message>
    <message>
        <source>Depth</source>
        <translation>深さ</translation>
    </message>
    <message>
        <source>Levels of importers and imports shown around the focused module</source>
        <translation>フォーカスしたモジュールの周りに表示するインポート元とインポート先の段数</translation>
    </message>
    <message>
        <source>Focus</source>
        <translation>フォーカス</translation>
    </message>
    <message>
        <source>Show only the selected module with its importers and imports</source>
        <translation>選択したモジュールとそのインポート元・インポート先だけを表示</translation>
    </message>
    <message>
        <source>Show all</source>
        <translation>すべて表示</translation>
    </message>
    <message>
        <source>End the focus: show every module again</source>
        <translation>フォーカスを解除してすべてのモジュールを再表示</translation>
    </message>
    <message>
        <source>Why is this here?</source>
        <translation>なぜここにある?</translation>
    </message>
    <message>
        <source>Highlight the import chain from an entry of its environment to the selected module</source>
        <translation>その環境のエントリから選択したモジュールまでのインポートの連鎖を強調表示</translation>
    </message>
    <message>
        <source>No module shown matches &quot;%1&quot;</source>
        <translation>&quot;%1&quot; に一致する表示中のモジュールはありません</translation>
    </message>
    <message numerus="yes">
        <source>Focus on %1 in %2: importers and imports %n level(s) deep</source>
        <translation>
            <numerusform>%2 の %1 にフォーカス: インポート元とインポート先を %n 段</numerusform>
        </translation>
    </message>
    <message>
        <source>No import chain from an entry of %1 reaches %2 (only import cycles do)</source>
        <translation>%1 のエントリから %2 に届くインポートの連鎖はありません (インポートの循環だけです)</translation>
    </message>
    <message>
        <source>%1 is an entry of %2: no module there imports it</source>
        <translation>%1 は %2 のエントリです: そこでインポートしているモジュールはありません</translation>
    </message>
    <message>
        <source>Why %1 is in %2: %3</source>
        <translation>%1 が %2 にある理由: %3</translation>
    </message>
    <message>
        <source>Selected: %1 in %2</source>
        <translation>選択中: %2 の %1</translation>
    </message>
    <message>
        <source>Filters</source>
        <translation>フィルター</translation>
    </message>
    <message>
        <source>Which modules of the graph to show</source>
        <translation>グラフに表示するモジュール</translation>
    </message>
    <message>
        <source>Filters (%1)</source>
        <translation>フィルター (%1)</translation>
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
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>役割</translation>
    </message>
    <message>
        <source>SSR bridge</source>
        <translation>SSR ブリッジ</translation>
    </message>
    <message>
        <source>client lookup</source>
        <translation>クライアント参照表</translation>
    </message>
    <message>
        <source>server lookup</source>
        <translation>サーバー参照表</translation>
    </message>
    <message>
        <source>request state (pinned)</source>
        <translation>リクエスト状態 (固定)</translation>
    </message>
    <message>
        <source>Vite preamble</source>
        <translation>Vite プリアンブル</translation>
    </message>
    <message>
        <source>React Refresh</source>
        <translation>React Refresh</translation>
    </message>
    <message>
        <source>Vite client</source>
        <translation>Vite クライアント</translation>
    </message>
    <message>
        <source>client reference stubs</source>
        <translation>クライアント参照スタブ</translation>
    </message>
    <message>
        <source>SSR module</source>
        <translation>SSR モジュール</translation>
    </message>
    <message>
        <source>client module</source>
        <translation>クライアントモジュール</translation>
    </message>
    <message>
        <source>server reference registration</source>
        <translation>サーバー参照の登録</translation>
    </message>
    <message>
        <source>server reference stubs</source>
        <translation>サーバー参照スタブ</translation>
    </message>
</context>
<context>
    <name>sy::ModuleGraphScene</name>
    <message>
        <source>other</source>
        <translation>その他</translation>
    </message>
</context>
<context>
    <name>sy::ModuleGroupModel</name>
    <message numerus="yes">
        <source>%n module(s)</source>
        <translation>
            <numerusform>%n モジュール</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sy::ModuleInspectorWidget</name>
    <message>
        <source>%1 (stale)</source>
        <translation>%1 (古い)</translation>
    </message>
    <message>
        <source>Resolved id: %1</source>
        <translation>解決済み ID: %1</translation>
    </message>
    <message>
        <source>Module type: %1</source>
        <translation>モジュールの種類: %1</translation>
    </message>
    <message>
        <source>SSR twin: %1</source>
        <translation>SSR 側の対応モジュール: %1</translation>
    </message>
    <message>
        <source>State: %1%2</source>
        <translation>状態: %1%2</translation>
    </message>
    <message>
        <source>, stale</source>
        <translation>、古い</translation>
    </message>
    <message>
        <source>Directives: %1</source>
        <translation>ディレクティブ: %1</translation>
    </message>
    <message>
        <source>Resolve conditions: %1</source>
        <translation>解決条件: %1</translation>
    </message>
    <message>
        <source>Transform: %1 ms, etag %2</source>
        <translation>変換: %1 ms、ETag %2</translation>
    </message>
    <message>
        <source>Importers: %1</source>
        <translation>インポート元: %1</translation>
    </message>
    <message>
        <source>Worker runner: not evaluated</source>
        <translation>Worker ランナー: 未評価</translation>
    </message>
    <message>
        <source>Worker runner: evaluated the current transform</source>
        <translation>Worker ランナー: 現在の変換結果を評価済み</translation>
    </message>
    <message>
        <source>Worker runner: evaluated an OLDER transform (%1)</source>
        <translation>Worker ランナー: 古い変換結果を評価済み (%1)</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>エラー: %1</translation>
    </message>
    <message>
        <source>Specifier</source>
        <translation>指定子</translation>
    </message>
    <message>
        <source>Resolved id</source>
        <translation>解決済み ID</translation>
    </message>
    <message>
        <source>Code imports</source>
        <translation>コード内のインポート</translation>
    </message>
    <message>
        <source>browserHash referenced</source>
        <translation>参照している browserHash</translation>
    </message>
    <message>
        <source>current</source>
        <translation>現在</translation>
    </message>
    <message>
        <source>Directive transform: none</source>
        <translation>ディレクティブ変換: なし</translation>
    </message>
    <message>
        <source>Directive transform: %1</source>
        <translation>ディレクティブ変換: %1</translation>
    </message>
    <message>
        <source>Directive transform: %1 (forced by %2)</source>
        <translation>ディレクティブ変換: %1 (%2 により強制)</translation>
    </message>
    <message>
        <source>Framework module: %1 (%2)</source>
        <translation>フレームワークのモジュール: %1 (%2)</translation>
    </message>
    <message>
        <source>No module selected: select one in the graph, the module list, the search, an event or the timeline to see it here as each environment sees it.</source>
        <translation>モジュールが選択されていません。グラフ、モジュール一覧、検索、イベント、タイムラインで選ぶと、各環境から見た姿がここに表示されます。</translation>
    </message>
    <message>
        <source>The selection holds several modules: the one inspected</source>
        <translation>選択には複数のモジュールがあります: 調べるモジュール</translation>
    </message>
</context>
<context>
    <name>sy::ModuleListView</name>
    <message>
        <source>Search modules (Ctrl+F; worker:name)</source>
        <translation>モジュールを検索 (Ctrl+F; worker:名前)</translation>
    </message>
    <message>
        <source>By path or name, fuzzy when nothing contains the text; start with client:, ssr: or worker: to list one environment.</source>
        <translation>パスまたは名前で検索します。テキストを含むものがなければあいまい検索になります。client:、ssr:、worker: で始めると 1 つの環境だけを一覧します。</translation>
    </message>
</context>
<context>
    <name>sy::ModuleNodeItem</name>
    <message>
        <source>STALE</source>
        <translation>古い</translation>
    </message>
    <message>
        <source>invalidated</source>
        <translation>無効化済み</translation>
    </message>
    <message>
        <source>dep %1</source>
        <translation>依存 %1</translation>
    </message>
    <message>
        <source>virtual</source>
        <translation>仮想</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Directive transform: %1</source>
        <translation>ディレクティブ変換: %1</translation>
    </message>
    <message numerus="yes">
        <source>Package %1: %n module(s); click to expand</source>
        <translation>
            <numerusform>パッケージ %1: %n モジュール (クリックで展開)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n module(s)</source>
        <translation>
            <numerusform>%n モジュール</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Folder %1: %n module(s); click to expand</source>
        <translation>
            <numerusform>フォルダー %1: %n モジュール (クリックで展開)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sy::ModuleSearchBox</name>
    <message>
        <source>Find module (Enter, F3; worker:name)</source>
        <translation>モジュールを検索 (Enter, F3; worker:名前)</translation>
    </message>
    <message>
        <source>Fuzzy search by path or name; start with client:, ssr: or worker: to search one environment. Enter or F3: next match, Shift+Enter or Shift+F3: previous.</source>
        <translation>パスまたは名前であいまい検索します。client:、ssr:、worker: で始めると 1 つの環境だけを検索します。Enter または F3: 次の一致、Shift+Enter または Shift+F3: 前の一致。</translation>
    </message>
    <message>
        <source>The matches: pick one to go to it</source>
        <translation>一致した項目: 選ぶとそこへ移動します</translation>
    </message>
    <message>
        <source>Previous match (Shift+F3)</source>
        <translation>前の一致 (Shift+F3)</translation>
    </message>
    <message>
        <source>Next match (F3)</source>
        <translation>次の一致 (F3)</translation>
    </message>
    <message>
        <source>no match</source>
        <translation>一致なし</translation>
    </message>
    <message>
        <source>1 match</source>
        <translation>1 件一致</translation>
    </message>
    <message>
        <source>%1 matches</source>
        <translation>%1 件一致</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%2 件中 %1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>… %1 more: type more of the name</source>
        <translation>… ほか %1 件: 名前をもっと入力してください</translation>
    </message>
</context>
<context>
    <name>sy::PreviewDock</name>
    <message>
        <source>Preview</source>
        <translation>プレビュー</translation>
    </message>
</context>
<context>
    <name>sy::PreviewPane</name>
    <message>
        <source>Restart Preview</source>
        <translation>プレビューを再起動</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>再読み込み</translation>
    </message>
    <message>
        <source>Open in Browser</source>
        <translation>ブラウザで開く</translation>
    </message>
    <message>
        <source>Restart</source>
        <translation>再起動</translation>
    </message>
    <message>
        <source>Restart the preview process</source>
        <translation>プレビューのプロセスを再起動します</translation>
    </message>
    <message>
        <source>The page&apos;s console messages</source>
        <translation>ページのコンソールメッセージ</translation>
    </message>
    <message>
        <source>Loaded.</source>
        <translation>読み込み完了。</translation>
    </message>
    <message>
        <source>The page did not load (%1).</source>
        <translation>ページを読み込めませんでした (%1)。</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>読み込み中…</translation>
    </message>
    <message>
        <source>The page&apos;s renderer process ended (%1, exit code %2); Reload brings it back.</source>
        <translation>ページのレンダラープロセスが終了しました (%1、終了コード %2)。再読み込みで復帰します。</translation>
    </message>
    <message>
        <source>The page&apos;s renderer process ended (%1).</source>
        <translation>ページのレンダラープロセスが終了しました (%1)。</translation>
    </message>
    <message>
        <source>switchyard-preview: %1</source>
        <translation>switchyard-preview: %1</translation>
    </message>
    <message numerus="yes">
        <source>Console (%n error(s))</source>
        <translation>
            <numerusform>コンソール (エラー %n 件)</numerusform>
        </translation>
    </message>
    <message>
        <source>Console</source>
        <translation>コンソール</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>The preview starts once the dev server is running.</source>
        <translation>開発サーバーが起動するとプレビューが始まります。</translation>
    </message>
    <message>
        <source>The preview is not running.</source>
        <translation>プレビューは動作していません。</translation>
    </message>
    <message>
        <source>The preview is stopped.</source>
        <translation>プレビューは停止しています。</translation>
    </message>
    <message>
        <source>Starting the preview…</source>
        <translation>プレビューを起動しています…</translation>
    </message>
    <message>
        <source>The preview crashed and is being restarted.
%1</source>
        <translation>プレビューがクラッシュしたため再起動しています。
%1</translation>
    </message>
    <message>
        <source>The preview runs in its own window (the &quot;%1&quot; platform cannot embed it).
%2
%3</source>
        <translation>プレビューは別ウィンドウで動作しています (「%1」プラットフォームでは埋め込めません)。
%2
%3</translation>
    </message>
    <message>
        <source>Stopping the preview…</source>
        <translation>プレビューを停止しています…</translation>
    </message>
    <message>
        <source>The preview crashed.
%1</source>
        <translation>プレビューがクラッシュしました。
%1</translation>
    </message>
</context>
<context>
    <name>sy::PreviewProcess</name>
    <message>
        <source>Cannot start %1: %2</source>
        <translation>%1 を起動できません: %2</translation>
    </message>
    <message>
        <source>Unexpected output from the preview (%1): %2</source>
        <translation>プレビューからの予期しない出力 (%1): %2</translation>
    </message>
    <message>
        <source>The preview process ended.</source>
        <translation>プレビューのプロセスが終了しました。</translation>
    </message>
    <message>
        <source>The preview process was killed by signal %1.</source>
        <translation>プレビューのプロセスはシグナル %1 で強制終了されました。</translation>
    </message>
    <message>
        <source>The preview process exited with code %1.</source>
        <translation>プレビューのプロセスはコード %1 で終了しました。</translation>
    </message>
</context>
<context>
    <name>sy::PreviewWindow</name>
    <message>
        <source>Switchyard preview</source>
        <translation>Switchyard プレビュー</translation>
    </message>
    <message>
        <source>%1 — Switchyard preview</source>
        <translation>%1 — Switchyard プレビュー</translation>
    </message>
</context>
<context>
    <name>sy::ReplayStatePanel</name>
    <message>
        <source>Environment</source>
        <translation>環境</translation>
    </message>
    <message>
        <source>Browser hash</source>
        <translation>ブラウザーハッシュ</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>開始時刻</translation>
    </message>
    <message>
        <source>Pre-bundles in force</source>
        <translation>有効な事前バンドル</translation>
    </message>
    <message>
        <source>At %1
Generation %2, events so far: %3</source>
        <translation>%1 時点
世代 %2、ここまでのイベント数: %3</translation>
    </message>
    <message>
        <source>(no time)</source>
        <translation>(時刻なし)</translation>
    </message>
    <message>
        <source>not optimized yet</source>
        <translation>未最適化</translation>
    </message>
    <message>
        <source>Invalidated, not re-transformed yet: %1</source>
        <translation>無効化され未再変換のモジュール: %1</translation>
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
    <message numerus="yes">
        <source>⚠ %n config warning(s)</source>
        <translation>
            <numerusform>⚠ 設定の警告 %n 件</numerusform>
        </translation>
    </message>
    <message>
        <source>Not applied from the app&apos;s config</source>
        <translation>アプリの設定から適用されないもの</translation>
    </message>
    <message>
        <source>Switchyard reads the app&apos;s framework version and vite.config and applies what it implements natively. These parts are not applied:</source>
        <translation>Switchyard はアプリのフレームワークのバージョンと vite.config を読み、自身で実装しているものを適用します。次の部分は適用されません:</translation>
    </message>
</context>
<context>
    <name>sy::StorageInspector</name>
    <message numerus="yes">
        <source>D1 database, %n table(s)</source>
        <translation>
            <numerusform>D1 データベース、%n テーブル</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>KV namespace, %n key(s)</source>
        <translation>
            <numerusform>KV 名前空間、%n キー</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n 行</numerusform>
        </translation>
    </message>
    <message>
        <source>Binding</source>
        <translation>バインディング</translation>
    </message>
    <message>
        <source>Contents</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>binary, %1 bytes: %2</source>
        <translation>バイナリ、%1 バイト: %2</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>キー</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>値</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>サイズ</translation>
    </message>
    <message>
        <source>Expiration</source>
        <translation>有効期限</translation>
    </message>
    <message>
        <source>Metadata</source>
        <translation>メタデータ</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>テーブル</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>型</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>行数</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>列</translation>
    </message>
    <message>
        <source>BLOB, %1 bytes: %2</source>
        <translation>BLOB、%1 バイト: %2</translation>
    </message>
</context>
<context>
    <name>sy::StorageInspectorWidget</name>
    <message>
        <source>Filter by key prefix</source>
        <translation>キーの接頭辞で絞り込む</translation>
    </message>
    <message>
        <source>Select a key to see its value and metadata</source>
        <translation>キーを選ぶと値とメタデータを表示します</translation>
    </message>
    <message>
        <source>SELECT … (read-only: statements that write are refused)</source>
        <translation>SELECT …（読み取り専用: 書き込む文は拒否されます）</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>実行</translation>
    </message>
    <message>
        <source>Run the query (Ctrl+Return)</source>
        <translation>クエリを実行 (Ctrl+Return)</translation>
    </message>
    <message>
        <source>This worker declares no storage bindings (add kv_namespaces or d1_databases to wrangler.jsonc).</source>
        <translation>このワーカーにはストレージのバインディングがありません（wrangler.jsonc に kv_namespaces か d1_databases を追加してください）。</translation>
    </message>
    <message>
        <source>No storage to show yet: run the app or a test file.</source>
        <translation>表示するストレージはまだありません: アプリかテストファイルを実行してください。</translation>
    </message>
    <message>
        <source>KV namespace %1 — %2</source>
        <translation>KV 名前空間 %1 — %2</translation>
    </message>
    <message>
        <source>D1 database %1, table %2 — %3</source>
        <translation>D1 データベース %1、テーブル %2 — %3</translation>
    </message>
    <message>
        <source>D1 database %1 — %2</source>
        <translation>D1 データベース %1 — %2</translation>
    </message>
    <message>
        <source>Metadata:</source>
        <translation>メタデータ:</translation>
    </message>
    <message numerus="yes">
        <source>first %n row(s) (more not shown)</source>
        <translation>
            <numerusform>先頭 %n 行（残りは省略）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n 行</numerusform>
        </translation>
    </message>
    <message>
        <source> in %1 ms</source>
        <translation>（%1 ms）</translation>
    </message>
</context>
<context>
    <name>sy::TestDetailsView</name>
    <message>
        <source>Expected:</source>
        <translation>期待値:</translation>
    </message>
    <message>
        <source>Received:</source>
        <translation>実際の値:</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>実行</translation>
    </message>
    <message>
        <source>Run this file, suite or test</source>
        <translation>このファイル・スイート・テストを実行</translation>
    </message>
    <message>
        <source>Show storage</source>
        <translation>ストレージを表示</translation>
    </message>
    <message>
        <source>Open the KV and D1 storage the file&apos;s isolate left after its run</source>
        <translation>実行後にファイルのアイソレートが残した KV と D1 のストレージを開く</translation>
    </message>
    <message>
        <source>Show module graph</source>
        <translation>モジュールグラフを表示</translation>
    </message>
    <message>
        <source>Show the test file and what it imports in the module graph</source>
        <translation>テストファイルとそのインポートをモジュールグラフに表示</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>エラー</translation>
    </message>
    <message>
        <source>Console output</source>
        <translation>コンソール出力</translation>
    </message>
    <message>
        <source>Select a test file, suite or test.</source>
        <translation>テストファイル、スイート、またはテストを選択してください。</translation>
    </message>
    <message>
        <source>isolate start %1 · module load %2 · test time %3</source>
        <translation>アイソレート起動 %1 · モジュール読み込み %2 · テスト時間 %3</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>実行中…</translation>
    </message>
    <message>
        <source>Not run yet</source>
        <translation>未実行</translation>
    </message>
    <message>
        <source>File: %1 · wall %2</source>
        <translation>ファイル: %1 · 経過 %2</translation>
    </message>
    <message>
        <source>%1 %2 — its file: %3</source>
        <translation>%1 %2 — ファイル: %3</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>テスト</translation>
    </message>
    <message>
        <source>Suite</source>
        <translation>スイート</translation>
    </message>
    <message>
        <source>Errors (%1)</source>
        <translation>エラー (%1)</translation>
    </message>
    <message numerus="yes">
        <source>Console output (%n line(s))</source>
        <translation>
            <numerusform>コンソール出力 (%n 行)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sy::TestRunModel</name>
    <message>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>所要時間</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>待機中</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>未実行</translation>
    </message>
    <message>
        <source>running</source>
        <translation>実行中</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>スキップ</translation>
    </message>
    <message>
        <source>todo</source>
        <translation>未実装</translation>
    </message>
    <message>
        <source>Isolate start %1, module load %2, tests %3 (wall %4)</source>
        <translation>アイソレート起動 %1、モジュール読み込み %2、テスト %3 (経過 %4)</translation>
    </message>
</context>
<context>
    <name>sy::TestSession</name>
    <message>
        <source>Pre-bundling the test files&apos; dependencies failed (%1): %2</source>
        <translation>テストファイルの依存関係の事前バンドルに失敗しました (%1): %2</translation>
    </message>
    <message>
        <source>No test files found</source>
        <translation>テストファイルが見つかりません</translation>
    </message>
    <message numerus="yes">
        <source>Pre-bundling the dependencies of %n test file(s)…</source>
        <translation>
            <numerusform>%n 個のテストファイルの依存関係を事前バンドル中…</numerusform>
        </translation>
    </message>
    <message>
        <source>Loading the test files&apos; module graph…</source>
        <translation>テストファイルのモジュールグラフを読み込み中…</translation>
    </message>
    <message numerus="yes">
        <source>Skipped %n test file(s) that run in Node, not in the worker (they import a browser or dev-server driver)</source>
        <translation>
            <numerusform>Worker ではなく Node で動くテストファイル %n 件をスキップしました(ブラウザーまたは開発サーバーのドライバーをインポートしています)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sy::TestViews</name>
    <message>
        <source>Test module graph</source>
        <translation>テストのモジュールグラフ</translation>
    </message>
    <message>
        <source>Test storage</source>
        <translation>テストのストレージ</translation>
    </message>
    <message>
        <source>Test storage: %1</source>
        <translation>テストのストレージ: %1</translation>
    </message>
    <message>
        <source>Tests</source>
        <translation>テスト</translation>
    </message>
</context>
<context>
    <name>sy::TestsPanel</name>
    <message>
        <source>Run all</source>
        <translation>すべて実行</translation>
    </message>
    <message>
        <source>Find the app&apos;s test files again and run them all</source>
        <translation>アプリのテストファイルを探し直してすべて実行</translation>
    </message>
    <message>
        <source>Run failed</source>
        <translation>失敗したものを実行</translation>
    </message>
    <message>
        <source>Run the failed tests again (whole files that failed to load)</source>
        <translation>失敗したテストを再実行 (読み込めなかったファイルは全体を)</translation>
    </message>
    <message>
        <source>Run selected</source>
        <translation>選択を実行</translation>
    </message>
    <message>
        <source>Run the selected files, suites and tests (double-click runs one)</source>
        <translation>選択したファイル・スイート・テストを実行 (ダブルクリックで 1 つを実行)</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop the run: running isolates are terminated</source>
        <translation>実行を停止: 実行中のアイソレートを終了します</translation>
    </message>
    <message>
        <source>Running… %1 passed, %2 failed</source>
        <translation>実行中… 成功 %1、失敗 %2</translation>
    </message>
    <message numerus="yes">
        <source>%1 passed, %2 failed, %3 skipped · %n file(s) in %4</source>
        <translation>
            <numerusform>成功 %1、失敗 %2、スキップ %3 · %n ファイル (%4)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n test file(s)</source>
        <translation>
            <numerusform>テストファイル %n 個</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sy::Timeline</name>
    <message>
        <source>optimizer runs</source>
        <translation>オプティマイザーの実行</translation>
    </message>
    <message>
        <source>invalidations</source>
        <translation>無効化</translation>
    </message>
    <message>
        <source>HMR</source>
        <translation>HMR</translation>
    </message>
    <message>
        <source>requests</source>
        <translation>リクエスト</translation>
    </message>
    <message>
        <source>generations</source>
        <translation>世代</translation>
    </message>
    <message>
        <source>errors</source>
        <translation>エラー</translation>
    </message>
    <message>
        <source>generation %1 -&gt; %2</source>
        <translation>世代 %1 -&gt; %2</translation>
    </message>
    <message>
        <source>additive</source>
        <translation>追加分のみ</translation>
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
            <numerusform>他 %n 件</numerusform>
        </translation>
    </message>
    <message>
        <source>Modules: %1</source>
        <translation>モジュール: %1</translation>
    </message>
</context>
<context>
    <name>sy::TimelineDetails</name>
    <message>
        <source>Click an item on the timeline to see its details.</source>
        <translation>タイムライン上の項目をクリックすると詳細が表示されます。</translation>
    </message>
    <message>
        <source>generation %1</source>
        <translation>世代 %1</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>(held %1 ms)</source>
        <translation>(%1 ms 保留)</translation>
    </message>
    <message>
        <source>Modules: %1</source>
        <translation>モジュール: %1</translation>
    </message>
</context>
<context>
    <name>sy::TimelineModel</name>
    <message>
        <source>Event</source>
        <translation>イベント</translation>
    </message>
</context>
<context>
    <name>sy::TimelineView</name>
    <message>
        <source>Follow now</source>
        <translation>最新を追従</translation>
    </message>
    <message>
        <source>Show or hide this lane</source>
        <translation>このレーンの表示/非表示を切り替え</translation>
    </message>
    <message>
        <source>Filter by kind, label or module</source>
        <translation>種類、ラベル、モジュールで絞り込み</translation>
    </message>
    <message>
        <source>Zoom in (+)</source>
        <translation>拡大 (+)</translation>
    </message>
    <message>
        <source>Zoom out (-)</source>
        <translation>縮小 (-)</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>全体表示</translation>
    </message>
    <message>
        <source>Show everything (F)</source>
        <translation>すべて表示 (F)</translation>
    </message>
    <message>
        <source>Keep the newest events in view (End)</source>
        <translation>最新のイベントを表示し続ける (End)</translation>
    </message>
</context>
</TS>
