// CSS imports in the console's unit tests: nothing to apply in jsdom.
module.exports = {};
