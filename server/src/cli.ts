/** `dynamic-chat-server`: starts the server and prints where it is and how to sign in. */
import { adminTokenFor, loadAgents, readConfig, usage } from './config.js';
import { readJsonFile, startServer } from './server.js';

async function main(): Promise<void> {
  const config = readConfig(process.argv.slice(2), process.env);
  if (config === 'help') return void console.log(usage);
  const adminToken = adminTokenFor(config);
  const server = await startServer({
    port: config.port,
    host: config.host,
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    allowedOrigins: config.allowedOrigins,
    adminToken,
    flow: config.flowFile ? readJsonFile(config.flowFile) : undefined,
    agents: loadAgents(config.agentsFile),
    rateLimitPerMinute: config.rateLimitPerMinute,
    trustProxy: config.trustProxy,
    accessLog: process.env.ACCESS_LOG === '1',
    smtpUrl: config.smtpUrl,
    smtpFrom: config.smtpFrom,
  });
  const base = config.publicUrl?.replace(/\/+$/, '') ?? server.url;
  const storage = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded PostgreSQL in ${config.dataDir}`;
  console.log(`dynamic-chat-server on ${storage}`);
  if (server.published) console.log(`published ${config.flowFile} as flow version ${server.published}`);
  else if (config.flowFile) console.log(`the database already has a flow; ${config.flowFile} was not published (use PUT /admin/api/flow)`);
  console.log(`public URL:  ${base}   (data-endpoint="${base}" data-flow="${base}/flow.json")`);
  console.log(`dashboard:   ${base}/admin   (sign in with the admin token)`);
  console.log(`admin API:   ${base}/admin/api/`);
  console.log(`admin token: ${adminToken}${config.adminToken ? ' (from ADMIN_TOKEN)' : ` (kept in ${config.dataDir}/admin-token)`}`);
  console.log(server.ctx.notify.smtpUrl ? `emails via:  ${server.ctx.notify.smtpUrl}` : 'emails:      SMTP_URL is not set; invitations stay queued until it is');
  if (config.allowedOrigins.includes('*')) console.log('ALLOWED_ORIGINS is not set: any site may send data here. Set it to your site\'s origin.');
  const stop = async () => {
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
