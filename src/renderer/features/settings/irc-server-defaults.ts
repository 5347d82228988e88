/** What "Add server" puts in `irc.servers` (the schema's defaults, with an empty host). */
export const NEW_IRC_SERVER = {
  host: '',
  port: 6697,
  tls: true,
  nick: 'bot',
  username: null,
  realname: 'ProtOS bot',
  password: null,
  sasl: null,
  channels: [],
  send: { burst: 4, perSecond: 1 },
  opRank: 2,
  voiceRank: 4,
};
