import type { AgreementFacts, AgreementText, ConsentText } from './types';

/** Repayment Agreement — English text. Plain words: the amounts and the consequences first, the legal basis after. */

/** The consent as first written (2026-11-v1): it spoke of a drawn signature as if it were always collected. */
export const consentEnV1 = (version: string): ConsentText => ({
  version,
  title: 'Consent to sign electronically',
  paragraphs: [
    'I agree to sign this repayment agreement electronically. My electronic signature — the name I type and the signature I draw — has the same legal effect as my handwritten signature on paper (Electronic Signature Law of the PRC, art. 14).',
    'When I sign, the platform sends a one-time code to my registered mobile number to confirm that it is me who signs. Only I know the code, and I will not tell it to anyone.',
    'The platform records how the agreement is signed — the time, IP address, device and verification result — and computes the SHA-256 digest of the agreement file, so that any change to the agreement after signing can be detected. These records are used only to prove how the agreement was signed.',
    'I can download and read the whole agreement before I sign. I can also decline to sign electronically and contact the creditor to sign on paper instead. After signing, I can download the signed agreement at any time.',
  ],
});

/** The consent as the signing page collects it: a typed name always, a drawing only if the borrower adds one. */
export const consentEn = (version: string): ConsentText => ({
  version,
  title: 'Consent to sign electronically',
  paragraphs: [
    'I agree to sign this repayment agreement electronically. My electronic signature is the name I type; if I also draw a signature, the drawing is part of my signature too. It has the same legal effect as my handwritten signature on paper (Electronic Signature Law of the PRC, art. 14).',
    'When I sign, the platform sends a one-time code to my registered mobile number to confirm that it is me who signs. Only I know the code, and I will not tell it to anyone.',
    'The platform records how the agreement is signed — the time, IP address, the device details my browser sends, the code check, and whether I drew a signature — and computes the SHA-256 digest of the agreement file, so that any change to the agreement after signing can be detected. These records are used only to prove how the agreement was signed.',
    'I can read and download the whole agreement before I sign. I can also decline to sign electronically and contact the creditor to sign on paper instead. After signing, I can download the signed agreement at any time.',
  ],
});

const structureEn = (f: AgreementFacts) =>
  ({
    installments: 'Installments',
    extension: 'Extension',
    extension_installments: 'Extension and installments',
    settlement: f.waivedTotal ? 'Settle at once with relief' : 'Settle at once',
  })[f.structure];

const methodEn = { equal_installment: 'equal installments (principal and interest)', equal_principal: 'equal principal' } as const;

const times = (n: number) => (n === 1 ? 'one installment' : `${n} installments`);
const monthly = (n: number) => (n === 1 ? 'one installment' : `${n} monthly installments`);

function plan(f: AgreementFacts): string[] {
  const out: string[] = [];
  if (f.pause) {
    out.push(
      `In view of the Borrower's present hardship, the Borrower makes no payment for ${f.pause.months} months, from the day this agreement is made until ${f.pause.until}. ${f.pause.frozen ? 'No interest, penalty interest or compound interest accrues during the pause.' : `During the pause interest is charged at ${f.pause.pct} of the contract rate, ${f.pause.charged} in all, spread evenly over the later installments; no penalty or compound interest accrues.`}`,
    );
  }
  const method = f.method ? `, calculated as ${methodEn[f.method]}` : '';
  if (f.downPayment) out.push(`The Borrower pays a down payment of ${f.downPayment} on the day this agreement is made (${f.date}).`);
  const after = f.downPayment ? 'After the down payment, the' : 'The';
  const remaining = f.downPayment ? 'remaining ' : '';
  if (f.structure === 'installments') {
    const base = f.continuingContractRows ? `the ${remaining}overdue amount` : f.downPayment ? 'the remaining balance' : 'everything owed';
    out.push(`${after} Borrower repays ${base} in ${monthly(f.installmentMonths ?? 0)}${method}, the first due on ${f.firstDueDate} and the last on ${f.endDate}.`);
    if (f.continuingContractRows) out.push('The installments of the Loan Contract not yet due continue on their original dates and amounts (marked "Contract" in the schedule).');
  } else if (f.structure === 'extension') {
    out.push(`The maturity of the Loan Contract moves from ${f.loanMaturity} to ${f.newMaturity} (an extension of ${f.extensionMonths} months). Everything owed, overdue amounts included, is repaid monthly from ${f.firstDueDate} in ${times(f.numberOfPayments)}, the last due on ${f.endDate}.`);
  } else {
    out.push(
      `The maturity of the Loan Contract moves from ${f.loanMaturity} to ${f.newMaturity} (an extension of ${f.extensionMonths} months). ${after} Borrower repays the ${remaining}overdue amount in ${monthly(f.installmentMonths ?? 0)}${method}; the principal not yet due is repaid monthly over the extended term. Together these are ${times(f.numberOfPayments)}, the first due on ${f.firstDueDate} and the last on ${f.endDate}.`,
    );
  }
  out.push(
    'Interest on the new plan is charged monthly (outstanding principal × annual rate ÷ 12) and is included in the schedule. No interest at all is charged on the overdue interest, penalty interest, compound interest and fees carried into the plan. Each amount is rounded to the fen; the last installment takes up the rounding, so it may differ slightly from the others.',
  );
  return out;
}

export const textEn: AgreementText = {
  title: 'Repayment Agreement',
  subtitle: 'Pre-litigation mediation of an overdue loan',
  meta: { agreementNo: 'Agreement no.', caseNo: 'Mediation case no.', date: 'Date', verificationCode: 'Verification code', verifyHint: 'Use the verification code on the Concord platform to check that this agreement is authentic and unaltered.', textVersion: 'Text version' },
  parties: {
    heading: 'The parties',
    creditor: 'Party A (the Creditor)',
    borrower: 'Party B (the Borrower)',
    name: 'Name',
    creditCode: 'Unified social credit code',
    address: 'Registered address',
    servicePhone: 'Customer service',
    residentId: 'Resident ID no.',
    phone: 'Mobile',
    borrowerAddress: 'Address',
    none: '—',
  },
  headings: {
    loan: 'Article 1  The loan',
    arrears: 'Article 2  What is owed on the agreement date',
    relief: 'Article 3  Relief',
    arrangement: 'Article 4  How the Borrower repays',
    schedule: 'Article 5  Repayment schedule',
    payment: 'Article 6  Payments and early repayment',
    breach: 'Article 7  Grace period and breach',
    disputes: 'Article 8  Disputes',
    privacy: 'Article 9  Personal information',
    esign: 'Article 10  Electronic signature',
    general: 'Article 11  General',
    signatures: 'Signatures',
  },
  loan: {
    contractNo: 'Loan contract no.',
    product: 'Product',
    principal: 'Principal',
    rate: 'Contract annual rate',
    term: 'Term',
    startDate: 'Start date',
    maturityDate: 'Original maturity',
    termValue: (months) => `${months} months`,
  },
  arrears: {
    overduePrincipal: 'Overdue principal',
    overdueInterest: 'Overdue interest',
    penalty: 'Penalty interest (罚息)',
    compound: 'Compound interest (复利)',
    fees: 'Fees',
    totalOverdue: 'Total overdue',
    notYetDuePrincipal: 'Principal not yet due',
    totalToSettle: 'To settle everything',
    enforceable: 'Of which enforceable',
  },
  waived: { penalty: 'Penalty interest waived', compound: 'Compound interest waived', interest: 'Overdue interest waived', principal: 'Principal waived', total: 'Total waived' },
  summary: {
    structure: 'Kind of plan',
    method: 'Calculation',
    downPayment: 'Down payment',
    regularPayment: 'Monthly payment (highest)',
    numberOfPayments: 'Number of payments',
    firstDueDate: 'First due date',
    endDate: 'Last due date',
    newMaturity: 'Maturity after extension',
    newInterest: 'New interest',
    totalPayable: 'Total to pay',
    totalWithDown: 'Total to pay (with down payment)',
  },
  schedule: { seq: 'No.', dueDate: 'Due date', principal: 'Principal', interest: 'Interest', charges: 'Carried charges', amount: 'Amount due', balanceAfter: 'Still owed after', contract: 'Contract', downPayment: 'Down', total: 'Total' },
  structureName: structureEn,
  methodName: { equal_installment: 'Equal installments', equal_principal: 'Equal principal' },
  preamble: (f) =>
    `On ${f.loanStart} Party A (the Creditor) and Party B (the Borrower) made loan contract no. ${f.contractNo} (the "Loan Contract"). The Borrower fell behind with repayments, and the parties took part in pre-litigation mediation on the Concord platform (mediation case no. ${f.caseNo}). On the principles of equality, free will, fairness and good faith, and after full discussion, they agree as follows on how the amount owed will be repaid.`,
  loanIntro: 'The main terms of the Loan Contract are below. Except where this agreement says otherwise, the Loan Contract remains in force.',
  arrearsIntro: (f) => `On ${f.arrears.asOf} the Borrower owes the following under the Loan Contract — the same figures the Borrower saw on the platform before signing:`,
  arrearsAfter: (f) => [
    `The Borrower's oldest unpaid installment is ${f.arrears.daysPastDue} days late.`,
    ...(f.arrears.notEnforceable ? [`Of this, ${f.arrears.notEnforceable} is above the legal cap on the total cost of credit, and the Creditor will not claim it.`] : []),
  ],
  reliefIntro: (f) => (f.waivedTotal ? 'To help the Borrower get back on track, the Creditor waives the following:' : 'This agreement waives nothing.'),
  reliefAfter: (f) => [
    ...(f.rateReduction ? [`In addition, the interest rate for the first ${f.rateReduction.months} installments of the plan is reduced by ${f.rateReduction.pct}.`] : []),
    ...(f.capReduction ? [`A further ${f.capReduction} above the legal cap on the total cost of credit is left out of this agreement, and the Creditor will not claim it.`] : []),
    ...(f.waivedTotal || f.rateReduction
      ? [f.waiverFallsAway ? 'This relief depends on the Borrower keeping to this agreement (see Article 7).' : 'This relief cannot be withdrawn once this agreement takes effect.']
      : []),
  ],
  arrangement: (f) => {
    if (f.settlement) {
      return [`The Borrower pays ${f.settlement.amount} in one payment on ${f.settlement.date}. Once the Creditor receives it, everything owed under the Loan Contract is settled and the Creditor will claim nothing more.`];
    }
    const out = plan(f);
    if (f.saving) {
      out.push(
        f.saving.positive
          ? `Compared with leaving the repayments unchanged, the Borrower pays ${f.saving.amount} less in total.`
          : `Compared with leaving the repayments unchanged, the Borrower pays ${f.saving.amount} more in total, mostly interest for the longer term.`,
      );
    }
    return out;
  },
  scheduleIntro: 'The repayment schedule is part of this agreement.',
  payment: (f) => [
    '1. On or before each due date the Borrower pays the amount due into the repayment account named in the Loan Contract, or by a method offered on the Concord platform.',
    '2. The Borrower may repay all or part of the amount owed early at any time, with no penalty and no fee. Interest is charged only for the time the money was actually borrowed (Civil Code of the PRC, art. 677); when the Borrower settles early, no interest is charged for installments not yet due.',
    ...(f.selfServiceDelayMaxDays > 0 && !f.settlement
      ? [`3. Once during this plan, the Borrower may move one due date back by up to ${f.selfServiceDelayMaxDays} days on the platform, without a new agreement.`]
      : []),
  ],
  breach: (f) => {
    const relief = Boolean(f.waivedTotal || f.rateReduction);
    const missed = f.settlement ? 'the payment in Article 4 is not made' : f.breachMisses === 1 ? 'any installment is not paid' : `${f.breachMisses} installments in a row are not paid`;
    return [
      f.graceDays > 0
        ? `1. Each due date is followed by a grace period of ${f.graceDays} days. A payment made in full within the grace period counts as paid on time.`
        : '1. There is no grace period: each installment is due in full on its due date.',
      `2. If ${missed} in full ${f.graceDays > 0 ? 'by the end of the grace period' : 'on the due date'}, the Borrower is in breach and this agreement ends. The Creditor may then resume collection of everything still owed, or sue in court.`,
      ...(relief
        ? [
            f.waiverFallsAway
              ? `3. If this agreement ends because of the Borrower's breach, the relief in Article 3${f.rateReduction ? ' (including the rate reduction)' : ''} no longer applies, and the Creditor may claim what is owed under the Loan Contract, less everything the Borrower has paid.`
              : "3. If this agreement ends because of the Borrower's breach, the relief in Article 3 still stands.",
          ]
        : []),
      `${relief ? 4 : 3}. If the Borrower has difficulty paying, the Borrower can contact the Creditor before the due date on the platform or at ${f.servicePhone}, and the parties can agree on a change. The Creditor collects within the law, treats the Borrower with respect, and tells no unrelated third party about the debt.`,
    ];
  },
  disputes: (f) => [
    `The parties will first try to settle any dispute arising from or relating to this agreement by discussion. If that fails, either party may sue in ${f.court}.`,
    "This agreement was reached in pre-litigation mediation; the parties may jointly apply to a people's court for judicial confirmation of it.",
  ],
  privacy: (f) => [
    "The Creditor processes the Borrower's personal information under the Personal Information Protection Law of the PRC, only to perform this agreement, manage this loan and protect its rights as the law allows. It does not sell the information or give it to unrelated third parties.",
    `The Borrower's resident ID number and mobile number are shown masked in this agreement. The Borrower may access, copy and correct their personal information on the platform or at ${f.servicePhone}.`,
    'The Creditor reports this loan and how this agreement is performed truthfully, as national rules require.',
  ],
  esignIntro: (f) => `The parties agree to sign this agreement electronically. Before signing, the Borrower read and accepted the following consent (version ${f.consentVersion}):`,
  esignAfter: (f) =>
    f.textVersion === '2026-11-v1'
      ? ['The Creditor signs by the electronic signature of its authorised representative and its digital certificate. After signing, any change to the agreement file can be detected.']
      : [
          "The Creditor's electronic seal (the seal shown on this agreement, and a digital signature made with the Creditor's digital certificate) is applied by the Concord platform under the Creditor's standing authorisation.",
          'The mediator signs as a neutral mediator, confirming that this agreement was reached in the pre-litigation mediation they conducted; the mediator represents neither party. After signing, any change to the agreement file can be detected.',
        ],
  general: () => [
    '1. This agreement takes effect when both parties have signed it. Matters it does not cover remain governed by the Loan Contract; where the two differ, this agreement prevails.',
    '2. This agreement is written in English, with its key terms also in Chinese. Both languages are equally authentic; where they differ, the reading less favourable to the party that supplied the standard terms (the Creditor) applies (Civil Code of the PRC, art. 498).',
    '3. Each party keeps the electronic original. The Borrower can download it on the Concord platform at any time and check with the verification code that it is authentic and unaltered.',
  ],
  endOfText: '(Nothing further follows.)',
  keyTermsTitle: 'Key terms (English)',
  keyTermsNote: 'An English translation of the key terms of this agreement. The full text is above; Article 11 sets out how the two languages relate.',
  keyTerms: (f) => [
    ['Agreement', `${f.agreementNo}, made on ${f.date}`],
    ['Parties', `Creditor: ${f.creditorName}; Borrower: ${f.borrowerName}`],
    ['Loan', `Contract ${f.contractNo}, annual rate ${f.loanRate}, original maturity ${f.loanMaturity}`],
    ['Owed', `On ${f.arrears.asOf}: overdue ${f.arrears.totalOverdue}; ${f.arrears.totalToSettle} to settle everything`],
    ['Relief', f.waivedTotal ? `${f.waivedTotal} waived${f.rateReduction ? `; rate reduced by ${f.rateReduction.pct} for ${f.rateReduction.months} installments` : ''}` : f.rateReduction ? `Rate reduced by ${f.rateReduction.pct} for ${f.rateReduction.months} installments` : 'None'],
    [
      'Plan',
      f.settlement
        ? `${f.settlement.amount} in one payment on ${f.settlement.date}, settling everything`
        : `${structureEn(f)}: ${f.downPayment ? `down payment ${f.downPayment}; ` : ''}${times(f.numberOfPayments)}, at most ${f.regularPayment} a month, from ${f.firstDueDate} to ${f.endDate}${f.newMaturity ? `; new maturity ${f.newMaturity}` : ''}`,
    ],
    ...(f.pause ? ([['Payment pause', `${f.pause.months} months, until ${f.pause.until}; ${f.pause.frozen ? 'no interest meanwhile' : `interest ${f.pause.charged}`}`]] as [string, string][]) : []),
    ['Total to pay', f.totalPayable],
    [
      'Breach',
      `Grace period ${f.graceDays} days; ${f.settlement ? 'the payment' : f.breachMisses === 1 ? 'any installment' : `${f.breachMisses} installments in a row`} not paid in full is a breach: the agreement ends and the Creditor may resume collection or sue${(f.waivedTotal || f.rateReduction) && f.waiverFallsAway ? '; the relief no longer applies' : ''}`,
    ],
    ['Early repayment', 'At any time, with no penalty and no fee'],
    ['Disputes', f.court],
  ],
  signatures: {
    creditor: 'Party A (the Creditor)',
    representative: 'Authorised representative',
    borrower: 'Party B (the Borrower)',
    typedName: 'Signed by',
    signedAt: 'Signed at',
    signature: 'Signature',
    mediator: 'Mediator',
    mediatorRole: 'Neutral mediator, representing neither party',
    seal: 'Electronic seal',
    sealPending: '(applied by the platform under the Creditor\'s authorisation once the mediator has signed)',
    sealNote: (signatory, date) => `Applied by the Concord platform under the Creditor's authorisation (authorised by ${signatory} on ${date})`,
  },
  certificate: {
    title: 'Signing certificate',
    intro: 'This certificate is generated by the Concord platform. It records how this agreement was signed and is part of the agreement.',
    agreement: 'Agreement and signers',
    representative: "Creditor's representative",
    mediator: 'Mediator',
    seal: "Creditor's electronic seal",
    document: 'Document',
    sha256: 'Original file SHA-256',
    sha256Hint: 'The SHA-256 digest of the agreement file the Borrower reviewed and signed (before the signatures were added).',
    events: 'Signing events',
    event: 'Event',
    who: 'By',
    time: 'Time',
    utc: 'UTC',
    local: 'Local',
    ipDevice: 'IP address / device',
    verification: 'Identity check',
    verify: 'Verify',
    scan: 'Scan to verify',
    verifyHint: 'Scan the QR code or open this address and enter the verification code to check that this agreement is authentic and unaltered:',
  },
  pageOf: (page, total) => `Page ${page} of ${total}`,
};
