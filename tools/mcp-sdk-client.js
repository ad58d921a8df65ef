// Drives a Darkroom MCP server with the official MCP TypeScript SDK's client (@modelcontextprotocol/sdk, from npm)
// and prints what it got as one JSON object, for McpNpmClientsTest to check: the tools, a thumbnail, the resources,
// one image resource read back, the prompts and one prompt.
// Usage: node tools/mcp-sdk-client.js PLAN   (with @modelcontextprotocol/sdk on NODE_PATH), where PLAN is JSON:
//   {"url": "http://127.0.0.1:8080/mcp"} or {"command": "java", "args": [...]} to reach the server, plus
//   "image": the absolute path of an image inside the read roots, "folder": a folder there for describe_images.
const { Client } = require('@modelcontextprotocol/sdk/client/index.js');
const { StdioClientTransport } = require('@modelcontextprotocol/sdk/client/stdio.js');
const { StreamableHTTPClientTransport } = require('@modelcontextprotocol/sdk/client/streamableHttp.js');
const { pathToFileURL } = require('url');

const plan = JSON.parse(process.argv[2]);
// A child JVM checks ImageMagick before it answers, so allow more than the SDK's 60 s default on a busy machine.
const options = { timeout: 120000 };

async function main() {
  const transport = plan.url
    ? new StreamableHTTPClientTransport(new URL(plan.url))
    : new StdioClientTransport({ command: plan.command, args: plan.args, stderr: 'inherit' });
  const client = new Client({ name: 'darkroom-npm-check', version: '1.0.0' });
  await client.connect(transport, options);
  try {
    const report = { server: client.getServerVersion(), capabilities: client.getServerCapabilities() };
    report.tools = (await client.listTools({}, options)).tools.map((tool) => tool.name);
    const thumbnail = await client.callTool({ name: 'thumbnail_image',
      arguments: { path: plan.image, width: 48, height: 48 } }, undefined, options);
    report.thumbnail = { isError: thumbnail.isError === true,
      images: thumbnail.content.filter((c) => c.type === 'image').map((c) => ({ mimeType: c.mimeType, data: c.data })) };
    const resources = [];
    let cursor;
    do {
      const page = await client.listResources(cursor === undefined ? {} : { cursor }, options);
      resources.push(...page.resources.map((r) => ({ uri: r.uri, mimeType: r.mimeType })));
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    report.resources = resources;
    const imageUri = pathToFileURL(plan.image).href;
    report.read = (await client.readResource({ uri: imageUri }, options)).contents
      .map((c) => ({ uri: c.uri, mimeType: c.mimeType, blob: c.blob }));
    report.prompts = (await client.listPrompts({}, options)).prompts.map((p) => p.name);
    report.prompt = (await client.getPrompt({ name: 'describe_images', arguments: { images: plan.folder } }, options))
      .messages.map((m) => m.content.text);
    try {
      await client.getPrompt({ name: 'describe_images', arguments: {} }, options);
      report.missingArgument = 'accepted';
    } catch (e) {
      report.missingArgument = { code: e.code, message: e.message };
    }
    console.log(JSON.stringify(report));
  } finally {
    await client.close();
  }
}

main().catch((e) => {
  console.error(e && e.stack ? e.stack : String(e));
  process.exit(1);
});
