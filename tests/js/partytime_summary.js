// Reads a podcast feed with podcast-partytime and prints the fields the Python tests compare, as JSON.
// Usage: node partytime_summary.js FEED.xml   (podcast-partytime from ./node_modules or NODE_PATH)
"use strict";
const fs = require("fs");
const { parseFeed } = require("podcast-partytime");

const feed = parseFeed(fs.readFileSync(process.argv[2], "utf8"));
if (!feed) {
  console.error("podcast-partytime could not parse the feed");
  process.exit(1);
}
const summary = {
  title: feed.title,
  guid: feed.guid,
  language: feed.language,
  explicit: feed.explicit,
  itunesImage: feed.itunesImage,
  itunesCategory: feed.itunesCategory,
  self: feed.pubsub ? feed.pubsub.self : null,
  owner: feed.owner,
  items: (feed.items || []).map((item) => ({
    guid: item.guid,
    title: item.title,
    duration: item.duration,
    explicit: item.explicit,
    episodeType: item.itunesEpisodeType,
    enclosure: item.enclosure,
    transcripts: (item.podcastTranscripts || []).map((t) => t.url),
    chapters: item.podcastChapters ? item.podcastChapters.url : null,
  })),
};
process.stdout.write(JSON.stringify(summary));
