//! Officials and outlets: the lists, and a page for each with everything an official
//! answered (and their role at each briefing) or every question an outlet asked.

use super::*;

#[derive(Serialize)]
struct People<'a> {
    site: SiteCtx<'a>,
    page: PageCtx,
    people: Vec<PersonCard>,
}

#[derive(Serialize)]
struct OnePerson<'a> {
    site: SiteCtx<'a>,
    page: PageCtx,
    person: PersonPage<'a>,
    /// An official's figures, said in the exchanges on the page (and, on a year's
    /// first page, in that year's remarks).
    figures: Vec<super::figure_pages::FigureGroup<'a>>,
    pager: Pager,
}

/// Officials or outlets: what tells the two kinds of page apart.
struct Kind {
    list: Route,
    title: &'static str,
    description: &'static str,
    section: &'static str,
    count_label: &'static str,
    page: fn(slug: String) -> Route,
}

const OFFICIALS: Kind = Kind {
    list: Route::Speakers,
    title: "Officials",
    description: "Every official who spoke, with what they answered.",
    section: "speakers",
    count_label: "answer",
    page: |slug| Route::Speaker { slug },
};

const OUTLETS: Kind = Kind {
    list: Route::Outlets,
    title: "Outlets",
    description: "Every media outlet that asked, with its questions.",
    section: "outlets",
    count_label: "question",
    page: |slug| Route::Outlet { slug },
};

impl SitePages<'_, '_> {
    /// The officials' list and each official's page.
    pub(super) fn officials(&self) -> Result<Vec<Route>, Errors> {
        let mut routes = vec![self.official_list()?];
        routes.extend(self.each(&self.ctx.index.speakers, |n, s| self.official(n, s))?);
        Ok(routes)
    }

    /// The outlets' list and each outlet's page.
    pub(super) fn outlets(&self) -> Result<Vec<Route>, Errors> {
        let mut routes = vec![self.outlet_list()?];
        routes.extend(self.each(&self.ctx.index.outlets, |n, s| self.outlet(n, s))?);
        Ok(routes)
    }

    pub(super) fn official_list(&self) -> Result<Route, Errors> {
        self.list(&OFFICIALS, &self.ctx.index.speakers, |n| self.answered(n))
    }

    pub(super) fn outlet_list(&self) -> Result<Route, Errors> {
        self.list(&OUTLETS, &self.ctx.index.outlets, |n| self.asked(n))
    }

    /// A list of people (name -> slug) with their counts.
    fn list<'s>(
        &'s self,
        kind: &Kind,
        slugs: &std::collections::BTreeMap<String, String>,
        items: impl Fn(&str) -> Vec<Item<'s>>,
    ) -> Result<Route, Errors> {
        let ctx = self.ctx;
        let cards = slugs
            .iter()
            .map(|(name, slug)| PersonCard {
                name: name.clone(),
                url: ctx.urls.route(&(kind.page)(slug.clone())),
                count: items(name).len(),
                count_label: kind.count_label,
            })
            .collect();
        let page = ctx.page(kind.title, kind.description, &kind.list.rel(), kind.section);
        let site = ctx.site();
        self.render(
            &kind.list,
            &People {
                site,
                page,
                people: cards,
            },
        )
    }

    /// Each person's pages, in parallel.
    fn each(
        &self,
        slugs: &std::collections::BTreeMap<String, String>,
        pages_of: impl Fn(&str, &str) -> Result<Vec<Route>, Errors> + Sync,
    ) -> Result<Vec<Route>, Errors> {
        let each: Vec<Vec<Route>> = slugs
            .par_iter()
            .map(|(name, slug)| pages_of(name, slug))
            .collect::<Result<_, _>>()?;
        Ok(each.into_iter().flatten().collect())
    }

    /// A person's pages: a year a page (the newest at the person's own address), and
    /// pages within a year past the page size; `roles` are shown in their year.
    fn person_pages(&self, person: PersonList<'_>) -> Result<Vec<Route>, Errors> {
        let PersonList {
            list,
            feed: feed_route,
            feed_title,
            name,
            description,
            section,
            exchanges: metas,
            roles,
            figures_of,
        } = person;
        feed(
            self.ctx,
            feed_title,
            &feed_route,
            &list,
            metas.iter().copied(),
        )?;
        let feed_url = self.ctx.urls.route(&feed_route);
        let exchanges: Vec<Item<'_>> = metas.iter().map(|e| Item::from(*e)).collect();
        let years: Vec<u16> = metas.iter().map(|e| year_of(&e.date)).collect();
        let role_years: Vec<u16> = roles.iter().map(|(y, _)| *y).collect();
        let slots = slots(&years, &role_years, self.ctx.config.page_size);
        // A year's roles go on its first page.
        let mut roles_by_year: std::collections::BTreeMap<u16, Vec<Role>> = Default::default();
        for (year, role) in roles {
            roles_by_year.entry(year).or_default().push(role);
        }
        let split = SplitList {
            list: &list,
            slots: &slots,
            name,
            description,
            section,
        };
        (0..slots.len())
            .into_par_iter()
            .map(|i| {
                let slot = &slots[i];
                let (route, page, pager) = split.page(self.ctx, i);
                let here: Vec<Role> = match slot.number {
                    1 => roles_by_year.get(&slot.year).cloned().unwrap_or_default(),
                    _ => Vec::new(),
                };
                let person = PersonPage {
                    name: name.to_owned(),
                    feed: feed_url.clone(),
                    roles: here,
                    exchanges: exchanges[slot.items.clone()].to_vec(),
                };
                let figures = match figures_of {
                    Some(speaker) => self.said_by(speaker, &metas[slot.items.clone()], slot),
                    None => Vec::new(),
                };
                let site = self.ctx.site();
                self.render(
                    &route,
                    &OnePerson {
                        site,
                        page,
                        person,
                        figures,
                        pager,
                    },
                )
            })
            .chain([Ok(feed_route.clone())])
            .collect()
    }

    pub(super) fn official(&self, name: &str, slug: &str) -> Result<Vec<Route>, Errors> {
        let slug = slug.to_owned();
        self.person_pages(PersonList {
            list: Route::Speaker { slug: slug.clone() },
            feed: Route::SpeakerFeed { slug },
            name,
            description: &format!("Everything {name} answered at press briefings."),
            feed_title: &format!("{name}: answers at press briefings"),
            section: "speakers",
            exchanges: self.answered_metas(name),
            roles: self.roles(name),
            figures_of: Some(name),
        })
    }

    /// The figures `speaker` said in the exchanges `here` (a page of theirs), and in
    /// remarks of the slot's year when it is the year's first page.
    fn said_by<'s>(
        &'s self,
        speaker: &str,
        here: &[&ExchangeMeta],
        slot: &Slot,
    ) -> Vec<super::figure_pages::FigureGroup<'s>> {
        let positions = self.figures_of(speaker);
        if positions.is_empty() {
            return Vec::new();
        }
        let urls: std::collections::HashSet<&str> = here.iter().map(|e| e.url.as_str()).collect();
        let briefings: Vec<&BriefingOut> = positions
            .iter()
            .map(|&i| &self.done[i])
            .filter(|o| o.card.year == slot.year)
            .collect();
        super::figure_pages::figure_groups(
            &briefings,
            super::figure_pages::Speakers::Hidden,
            |o, f| {
                o.voice(f) == Some(speaker)
                    && match f.exchange.and_then(|i| o.exchanges.get(i as usize)) {
                        Some(e) => urls.contains(e.url.as_str()),
                        None => slot.number == 1 && o.card.year == slot.year,
                    }
            },
        )
    }

    /// An official's role at each briefing where they sat or answered, with its year.
    fn roles(&self, name: &str) -> Vec<(u16, Role)> {
        self.done
            .iter()
            .filter_map(|o| {
                let role = o
                    .roles
                    .iter()
                    .find(|(n, _)| n == name)
                    .map(|(_, r)| r.clone());
                let answers = o
                    .exchanges
                    .iter()
                    .any(|e| e.answered_by.iter().any(|a| a == name));
                (role.is_some() || answers).then(|| {
                    (
                        o.card.year,
                        Role {
                            title: o.card.title.clone(),
                            url: o.card.url.clone(),
                            date: o.card.date.clone(),
                            date_text: o.card.date_text.clone(),
                            role: role.unwrap_or_default(),
                        },
                    )
                })
            })
            .collect()
    }

    fn answered_metas(&self, name: &str) -> Vec<&ExchangeMeta> {
        self.all
            .iter()
            .filter(|e| e.answered_by.iter().any(|a| a == name))
            .copied()
            .collect()
    }

    fn answered(&self, name: &str) -> Vec<Item<'_>> {
        self.answered_metas(name)
            .into_iter()
            .map(Item::from)
            .collect()
    }

    fn asked_metas(&self, outlet: &str) -> Vec<&ExchangeMeta> {
        self.all
            .iter()
            .filter(|e| e.asked_by.as_deref() == Some(outlet))
            .copied()
            .collect()
    }

    fn asked(&self, outlet: &str) -> Vec<Item<'_>> {
        self.asked_metas(outlet)
            .into_iter()
            .map(Item::from)
            .collect()
    }

    pub(super) fn outlet(&self, name: &str, slug: &str) -> Result<Vec<Route>, Errors> {
        let slug = slug.to_owned();
        self.person_pages(PersonList {
            list: Route::Outlet { slug: slug.clone() },
            feed: Route::OutletFeed { slug },
            name,
            description: &format!("Every question {name} asked at press briefings."),
            feed_title: &format!("{name}: questions at press briefings"),
            section: "outlets",
            exchanges: self.asked_metas(name),
            roles: Vec::new(),
            figures_of: None,
        })
    }
}

/// A person's whole list, before it is split into pages.
struct PersonList<'a> {
    list: Route,
    /// Their Atom feed, and its title.
    feed: Route,
    feed_title: &'a str,
    name: &'a str,
    description: &'a str,
    section: &'static str,
    /// Newest first.
    exchanges: Vec<&'a ExchangeMeta>,
    /// Their role at each briefing, with its year.
    roles: Vec<(u16, Role)>,
    /// An official's name: their pages show the figures they said.
    figures_of: Option<&'a str>,
}

/// The year of a date written `YYYY-MM-DD`.
fn year_of(date: &str) -> u16 {
    date.get(..4).and_then(|y| y.parse().ok()).unwrap_or(0)
}
