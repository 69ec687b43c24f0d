module.exports = async function globalTeardown() {
  await globalThis.__fitconnectPlatform?.stop();
};
