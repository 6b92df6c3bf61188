import type { LearningItemValues } from '../coaching/index.ts';

// The demo's starter learning catalog, written for Winsight's sellers and managers: each item aims
// at root causes the danger zones point to most often (access to power, champions, process control,
// capture, forecasting on evidence), and at the capacity and commitment causes a manager should
// rule out before prescribing any training. Content uses the catalog's light markup: headings,
// lists, **bold**, _italic_ and [links](https://...).

const ROLES_AND_EVIDENCE = `## Why this matters

Most deals that slip late were never as far along as they looked. The seller had a friendly contact, took their enthusiasm for support, and never met the person who signs. Winsight's danger zones flag exactly this, but only if the people on the deal are recorded in the right roles with honest evidence.

## Three people who are easy to confuse

**Coach.** Gives you information and advice: who is involved, what the last vendor got wrong, when the budget meeting is. Useful, often friendly, and carries no risk for them. A coach can be anyone, including someone with no influence at all.

**Champion.** Sells for you when you are not in the room, and has the influence to be heard. You know someone is a champion by what they have _done_, not said: they got you a meeting with someone senior, shared a draft of the evaluation criteria, or defended your proposal in a meeting you were not at. A champion takes a personal risk for you.

**Economic buyer.** The person who can release the money and say yes when everyone else says no. Usually not the person who runs the evaluation. Ask "who approves an investment of this size?" and then ask again one level up.

## Testing a champion

A contact passes when they do something for you that costs them something:

1. **The access test.** Ask them to arrange a meeting with the economic buyer and to join it.
2. **The information test.** Ask for something they would not share with every vendor, such as how the decision will really be made.
3. **The action test.** Ask them to take a step in their own organisation, such as booking the technical review or putting the project on the steering committee agenda.

Someone who agrees warmly and then does nothing is a coach. Record them as one. That is not a failure: it tells you that you still need a champion.

## Which evidence counts

Winsight grades each fact by its source. From strongest to weakest:

- **Buyer action**: they did something (sent the security questionnaire, booked their lawyer, introduced you to the CFO).
- **Buyer in writing**: an email, a meeting note they sent, a signed plan.
- **Buyer said it**: a buyer told you directly.
- **Another buyer reported it**, **third party**: second hand, worth checking.
- **Our inference**: what we believe. Fine as a starting point, never as proof.

A deal in commit should rest on the first three. If the only evidence that the budget exists is your own inference, the budget is unknown, and the app is right to say so.

When you have read this, take the quiz. You need 5 of 7 to pass.`;

const ROLES_QUIZ: NonNullable<LearningItemValues['quiz']> = {
  passMark: 70,
  questions: [
    {
      prompt:
        'Dana, an IT manager, tells you every week what your competitor is proposing and says she prefers your product. She has never introduced you to anyone. What is she, on the evidence so far?',
      choices: ['A champion', 'A coach', 'The economic buyer', 'A blocker'],
      answerIndex: 1,
    },
    {
      prompt: 'Which of these is the strongest sign that a contact is a champion?',
      choices: [
        'They answer your emails within the hour',
        'They said your product is the best they have seen',
        'They set up and attended a meeting for you with their CFO',
        'They have worked at the company for fifteen years',
      ],
      answerIndex: 2,
    },
    {
      prompt: 'Who is the economic buyer?',
      choices: [
        'The person who can release the money and approve the purchase even if others object',
        'The person who runs the evaluation and writes the scorecard',
        'The most senior person you have met so far',
        'Whoever in procurement signs the purchase order',
      ],
      answerIndex: 0,
    },
    {
      prompt:
        'The project lead says "budget is no problem". Nobody in finance has confirmed it. How should the budget status be recorded?',
      choices: [
        'Approved, because the project lead said so',
        'Unknown, and the fact left out entirely',
        'As stated by a buyer, budget identified but not confirmed as approved',
        'Approved, with our inference as the source',
      ],
      answerIndex: 2,
    },
    {
      prompt: 'Which evidence is a buyer action?',
      choices: [
        'The customer said on a call that they will sign this quarter',
        'Our solution engineer thinks the technical evaluation went well',
        "The customer's legal team sent back our contract with their changes",
        'A partner told us the customer has chosen us',
      ],
      answerIndex: 2,
    },
    {
      prompt:
        'You ask your contact to arrange a meeting with the economic buyer. They say it is "not the right time" for the third time. What does the access test tell you?',
      choices: [
        'They are a strong champion protecting you from an early meeting',
        'The economic buyer is not involved in this decision',
        'Nothing: the access test only applies after the proposal',
        'They have not passed: treat them as a coach and look for another route to the buyer',
      ],
      answerIndex: 3,
    },
    {
      prompt: 'Your deal is in commit. Which set of evidence is enough to defend it in the review?',
      choices: [
        'The economic buyer met, a signing date written into a plan the buyer edited, budget confirmed by finance',
        'Our inference that the budget exists, and a friendly contact who expects to win',
        'A partner saying the customer likes us, and a proposal sent',
        'A long history with the account, and the last deal closing on time',
      ],
      answerIndex: 0,
    },
  ],
};

const ACCESS_ASK = `Print this and keep it next to you before a call with your main contact. The aim is one thing: a meeting with the person who signs, with your contact in the room.

## Before the call

- Name the economic buyer, or the two people it could be. If you cannot, your first ask is "who approves an investment of this size?".
- Write down one thing the buyer cares about that your contact has told you: a target, a cost, a deadline.
- Decide what you will offer the buyer in return for thirty minutes: a view of what other companies in their position did, a rough value estimate, a risk they may not have seen.

## The ask, in four steps

1. **Give the reason first.** "Before we put numbers in a proposal, I want to be sure we are solving the problem the way [buyer] would measure it."
2. **Make it about them, not you.** "You'll be the one defending this internally. If [buyer] has heard it directly, you won't be carrying it alone."
3. **Ask for a specific, small meeting.** "Could we have thirty minutes with [buyer] in the next two weeks, with you there? I'll send you a one-page agenda first."
4. **Be quiet.** Let them answer. The first answer is often a hesitation, not a no.

## When they hesitate

- **"They're very busy."** "Of course. Is there a regular meeting they hold where fifteen minutes would fit? Or who do they trust to brief them?"
- **"I'd rather present it myself."** "That makes sense, and I'll help you prepare. Could I join for the first ten minutes to answer questions on the numbers?"
- **"It's too early."** "When would be the right moment? What needs to be true first?" Then put that date in the plan.
- **"They don't meet vendors."** "Who did they meet the last time a project this size was approved? How did that happen?"

## After the call

Log it in Winsight the same day. If your contact agreed and booked it, that is a **buyer action**: record it as such. If they refused three times, record what they said, and change their role from champion to coach if that is what they are. The danger zone will tell the truth about the deal either way; it is better that it tells it now.`;

const MAP_TEMPLATE = `A mutual action plan is the list of steps both sides take between now and the day the customer starts using what they buy. It is written _with_ the buyer, and the best ones carry the buyer's own edits. Print this, fill it in with your contact, and send it to them to correct.

## The plan on one page

**Customer:** ______________________ **Our seller:** ______________________

**Their goal, in their words:** _____________________________________________

**The date that matters to them, and why:** ___________________________________

**The steps, each with one owner and a date:**

1. Agree the problem and what success looks like. Owner: their project lead. Due: ______
2. Technical review with their architects. Owner: their IT lead, our solution engineer. Due: ______
3. Meeting with the economic buyer to agree value and scope. Owner: their project lead. Due: ______
4. Proposal reviewed together (not sent cold). Owner: our seller. Due: ______
5. Security and legal review started. Owner: their legal and security contacts. Due: ______
6. Commercial agreement. Owner: their procurement, our seller. Due: ______
7. Signature. Owner: the economic buyer. Due: ______
8. Kick-off booked. Owner: their project lead, our delivery lead. Due: ______

## Questions to fill the gaps

- Who else has to approve this, and when do they meet?
- Has your company bought something like this before? What slowed it down?
- What has to be true for you to start on the date you want?
- What would make this slip, and what could we do now to prevent it?

## Keeping it alive

- Every step has one owner with a name. "The customer" is not an owner.
- Review the plan at the end of each meeting, and send the updated version the same day.
- When the buyer changes a date in the plan, record it in Winsight as written buyer evidence. When they refuse to put a date in writing, that tells you something too.`;

const EB_ASSIGNMENT = `**The task.** Pick one live deal where the economic buyer is not yet met (Winsight shows the danger zone "economic buyer not met" on it). Within **14 days**, hold a meeting with the economic buyer, in person or by video, with a clear purpose and a next step agreed at the end.

## How to go about it

1. Agree the deal with your manager before you start: pick one you believe can be won this half.
2. Use the **access ask** job aid to prepare the request through your main contact.
3. Prepare for the meeting itself with the **executive conversation** role-play: three questions, one insight, one ask.
4. After the meeting, log it the same day: the economic buyer met, what they said about value and timing, and the next step they agreed to.

## What counts as done

- The economic buyer is recorded on the deal with coverage "met", backed by **buyer evidence** (they attended, wrote back, or agreed a step), not our inference.
- A next step is agreed with a date and a named owner on their side.

If the meeting is refused, that counts as learning too: record who refused and why, and discuss with your manager what it means for the deal's forecast category.`;

const CHAMPION_TESTS = `**The task.** On one live deal where you have named a champion, run **two** of the three champion tests within three weeks, and record what happened.

- **Access test:** ask them to arrange a meeting with someone more senior, and to attend.
- **Information test:** ask how the decision will really be made, and who could stop it.
- **Action test:** ask them to take a step in their organisation (book a review, put the project on an agenda, share the draft criteria).

## What to record

For each test: what you asked, what they did, and the date. A test passed is a **buyer action**. A test refused or quietly dropped is evidence too: if they pass neither, change their role to coach and discuss with your manager who else could champion the deal.`;

const VALUE_ESTIMATE = `**The task.** On one live deal, build a value estimate _together_ with your main contact: what the problem costs them today and what solving it is worth. Book a 45-minute working session; do not build it alone and present it.

## The worksheet

1. **The problem, in their words.** One sentence they would agree with.
2. **How it shows up.** Hours lost, errors, revenue missed, fines, staff turnover. Pick the two they care about most.
3. **The numbers.** For each: how often, how much each time, who owns that number. Write down who gave you each figure.
4. **The cost of doing nothing this year.** Multiply out, and round down: a conservative number they defend is worth more than a big one they doubt.
5. **What changes with us.** Which part of that cost goes away, and how soon.

## What counts as done

The business issue on the deal is recorded with a quantified impact, and the figure is **stated or written by the buyer** (not our inference). Send them the one-page estimate and ask them to correct it: their corrections are the best evidence you will get.

## Questions that get numbers

- "What does it cost you when that happens?"
- "Who would know that figure? Could we ask them together?"
- "If nothing changes, what does next year look like?"`;

const CAPTURE_HABIT = `Most knowledge is lost in the first hour after a meeting. This is a small change to the working day, agreed between a seller and their manager, not a course.

## The habit

- **Block ten minutes** in your calendar straight after every customer meeting. Treat it like the meeting itself.
- In those ten minutes, open the deal in Winsight and use **Log meeting**: who was there, what they said, what they did, and the next step.
- Write what the buyer said in their words. One quoted sentence is worth more than a paragraph of your summary.
- Leave an explicit **unknown** where you did not find out. An honest unknown is useful; a guess recorded as a fact misleads everyone downstream.

## What the manager changes

- Stop asking for a separate update email or spreadsheet before the pipeline review: read the deal in Winsight instead.
- Look at when knowledge was recorded, not only what. Updates that arrive the evening before every review are the sign to revisit this.
- If the habit does not stick after two weeks, ask what gets in the way. Often it is back-to-back meetings (a workload problem, C1), not discipline.

## Success after four weeks

Most meetings logged the same day, and fewer "stale knowledge" danger zones on your deals.`;

const COMMIT_WORKSHOP = `A 60-minute session between a seller and their manager, using the seller's own history in Winsight.

## Before the session

The seller lists the last six deals they put in commit, won or lost, and for each writes down in one line why it was in commit.

## In the session

1. **Compare.** For each deal, open its assessment history in Winsight and look at the win probability on the day it went into commit, beside the seller's own probability. Where was the gap largest?
2. **Find the pattern.** For the deals that slipped or were lost: what did we not know? Usually it is one of the economic buyer, the paper process, or the budget.
3. **Write the commit criteria** the seller will use from now on. A starting point:
   - The economic buyer is met and has agreed the value, with buyer evidence.
   - A signing date sits in a plan the buyer has edited.
   - Budget is confirmed by someone who controls it.
   - The legal and procurement steps are known, with dates.
   - No critical danger zone is open, or the manager has overridden it with a written reason.
4. **Apply it.** Go through the current open deals together and move any that fail the criteria out of commit.

## Follow-up

Repeat the comparison at the end of next quarter. The gap between the seller's probability and the evidence-based one should shrink.`;

const EB_ROLE_PLAY = `A 20-minute role-play with your manager playing the economic buyer, followed by ten minutes of feedback. Run it before a real meeting with an executive, not after.

## The brief for the seller

You have thirty minutes with the economic buyer of a live deal. Prepare:

- **Three questions** about their business, not your product. For example: "What has to be true by the end of the year for you to call this a success?"
- **One insight**: something other companies in their position learned that they may not have seen.
- **One ask** for the end: a next step they own, with a date.

## The brief for the manager playing the buyer

Be polite, busy and slightly sceptical. Interrupt once to ask "what does this cost?". Give nothing away unless a question earns it. Check your phone if the seller talks about product features for more than a minute.

## Feedback, in this order

1. What did the buyer learn that they did not know before?
2. Did the seller ask more than they told?
3. Was the ask at the end specific, and would a real buyer have said yes?

Swap roles once if there is time: playing the buyer shows the seller how a feature tour feels from the other side.`;

const STANDARDS = `What "good" looks like on a deal at this company, written down so that every manager asks for the same things. Managers: go through it with each seller once, then point to it in feedback.

## The standards

1. **The economic buyer is met before the proposal goes out.** Not "known about": met, by us, with evidence.
2. **Every deal past discovery has a named champion who has passed at least one test.** A friendly contact alone is a coach.
3. **The business issue is quantified in the buyer's numbers** before we talk price.
4. **Every meeting is logged the same day**, with the buyer's words and the next step.
5. **Every deal has a next step owned by the buyer**, with a date.
6. **Commit means evidence**: the criteria in the commit workshop, not a feeling.

## How a manager uses this

- In a deal review, name the standard: "this deal is about to get a proposal and standard 1 is not met". Specific beats general.
- Give feedback within a day of seeing it, good or bad.
- If a seller cannot say what good looks like, that is the gap to fix first (C4), before any training.`;

const GOAL_PLAN = `A one-page plan a seller writes and owns, agreed with their manager in a 30-minute conversation. For a seller whose activity or confidence has dipped, it replaces "try harder" with something both can see.

## The conversation (manager)

- Ask before you tell: "What do you want this year to look like for you?"
- Ask what feels hard right now, and listen for the answer behind the first one.
- Agree one goal, not five.

## The plan (seller)

**My goal for this quarter:** ________________________________________________

**Why it matters to me:** ___________________________________________________

**Three things I will do every week:**

1. ______________________________________________ (for example: two first meetings with new accounts)
2. ______________________________________________ (for example: one economic-buyer ask on a live deal)
3. ______________________________________________

**What I need from my manager:** _____________________________________________

**How we will know it is working:** an indicator Winsight already shows, such as buyer meetings per week or economic buyers met.

## Check-ins

Fifteen minutes every two weeks: what happened, what got in the way, what to change. Recognise progress out loud. If the same obstacle comes back twice, it is probably not motivation: look at workload (C1) or support (C3).`;

const PIPELINE_TRIAGE = `A fix to the workload, not to the seller. Use it when a seller carries far more open deals than their peers and their knowledge on each is thin.

## Step 1: see the load (manager and seller, 30 minutes)

- Count the seller's open deals and compare with the team median on the pipeline review page.
- Sort their deals by win probability. Look at the bottom third: when did anything last happen on each?

## Step 2: triage

For each deal in the bottom third, decide one of three:

- **Close it as lost or no decision**, with the reason. An honest pipeline is smaller and more useful.
- **Park it** with a date to revisit and one question to ask then.
- **Keep it**, and name the next step with the buyer this week.

## Step 3: take work away

Ask: "Where does your week go? What could you stop doing?" Then act on the answer: internal reports that duplicate what Winsight shows, quotes that sales operations could prepare, meetings the seller attends only to listen. Write down what was removed.

## Check after a month

Fewer open deals, more knowledge recorded on each, and more time with buyers. If the load is back, the territory or lead flow may be the cause (C2).`;

/** The starter catalog, in the order an administrator would read it. */
export const DEMO_CATALOG: readonly LearningItemValues[] = [
  {
    title: 'Champion, coach or economic buyer? Roles and evidence',
    type: 'module_quiz',
    summary:
      'Tell a champion from a friendly coach, find the person who signs, and know which evidence holds up in a review. Seven-question quiz at the end.',
    content: ROLES_AND_EVIDENCE,
    externalUrl: null,
    minutes: 25,
    rootCauses: ['S4', 'B5', 'B4', 'B9'],
    quiz: ROLES_QUIZ,
  },
  {
    title: 'The access ask: a talk track for meeting the economic buyer',
    type: 'job_aid',
    summary:
      'One printable page: how to ask your contact for a meeting with the person who signs, and what to say when they hesitate.',
    content: ACCESS_ASK,
    externalUrl: null,
    minutes: 10,
    rootCauses: ['B4', 'B5', 'S7'],
    quiz: null,
  },
  {
    title: 'Secure the economic-buyer meeting on a live deal within 14 days',
    type: 'on_the_job',
    summary:
      'On one deal where the economic buyer is not yet met, get the meeting, hold it, and agree a next step, with buyer evidence recorded.',
    content: EB_ASSIGNMENT,
    externalUrl: null,
    minutes: 240,
    rootCauses: ['B4', 'S7'],
    quiz: null,
  },
  {
    title: 'Executive conversation: a 20-minute role-play',
    type: 'role_play',
    summary:
      'Practise a meeting with an economic buyer with your manager before the real one: three questions, one insight, one ask.',
    content: EB_ROLE_PLAY,
    externalUrl: null,
    minutes: 30,
    rootCauses: ['S7', 'B4', 'C6'],
    quiz: null,
  },
  {
    title: 'Run two champion tests on a live deal',
    type: 'on_the_job',
    summary:
      'Find out whether your champion will act for you: access, information and action tests, and what each result means.',
    content: CHAMPION_TESTS,
    externalUrl: null,
    minutes: 120,
    rootCauses: ['B5'],
    quiz: null,
  },
  {
    title: 'Mutual action plan template',
    type: 'job_aid',
    summary:
      'A printable plan of the steps both sides take to reach a signature and a start date, written with the buyer and kept alive.',
    content: MAP_TEMPLATE,
    externalUrl: null,
    minutes: 15,
    rootCauses: ['B7'],
    quiz: null,
  },
  {
    title: 'Co-build a value estimate with your customer',
    type: 'on_the_job',
    summary:
      'A worksheet and a working session: put a number on what the problem costs the customer, with figures they give you.',
    content: VALUE_ESTIMATE,
    externalUrl: null,
    minutes: 90,
    rootCauses: ['B3', 'S6'],
    quiz: null,
  },
  {
    title: 'Commit on evidence: a calibration workshop on your own deals',
    type: 'deal_workshop',
    summary:
      'Compare your past commit calls with what the evidence said, and write the commit criteria you will use from now on.',
    content: COMMIT_WORKSHOP,
    externalUrl: null,
    minutes: 60,
    rootCauses: ['B9'],
    quiz: null,
  },
  {
    title: 'The 10-minute post-meeting capture habit',
    type: 'environmental_fix',
    summary:
      'Ten minutes blocked after every customer meeting to log it, and the update emails the manager stops asking for in return.',
    content: CAPTURE_HABIT,
    externalUrl: null,
    minutes: 10,
    rootCauses: ['B8', 'C1'],
    quiz: null,
  },
  {
    title: 'What good looks like: our deal standards',
    type: 'job_aid',
    summary:
      'Six standards every manager asks for and every seller can state, from economic buyer met to commit on evidence.',
    content: STANDARDS,
    externalUrl: null,
    minutes: 10,
    rootCauses: ['C4', 'B8'],
    quiz: null,
  },
  {
    title: 'Quarter goal and accountability plan',
    type: 'goal_plan',
    summary: 'A one-page plan the seller writes and owns: one goal, three weekly actions, and short check-ins.',
    content: GOAL_PLAN,
    externalUrl: null,
    minutes: 45,
    rootCauses: ['C6'],
    quiz: null,
  },
  {
    title: 'Pipeline triage: win back time from deals that will not close',
    type: 'environmental_fix',
    summary:
      'Lighten an overloaded pipeline: close or park the weakest deals, and remove admin work that takes time from buyers.',
    content: PIPELINE_TRIAGE,
    externalUrl: null,
    minutes: 60,
    rootCauses: ['C1'],
    quiz: null,
  },
];
